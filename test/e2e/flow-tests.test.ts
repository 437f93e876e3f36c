// The designer's Run tests, end to end: a flow file with one passing and one failing test is opened in
// Chromium against the real server and engine; Run tests answers per test, in words, with the node and
// the diff under the failure — the same verdict `pipewright test` prints for the file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeFlow } from '../../shared/flow/serialize.js';
import type { FlowDocument } from '../../shared/flow/schema.js';
import { chromiumCheck, openSession, pipewright, type E2eSession } from './harness.js';
import { DesignerPage } from './pages/designer-page.js';

const FLOW_ID = 'order-totals';
const FLOW: FlowDocument = {
  format: 'pipewright/flow@1',
  id: FLOW_ID,
  name: 'Order totals',
  nodes: [
    { id: 'orders', type: 'trigger.manual', position: [0, 0], config: {} },
    { id: 'total', type: 'transform.map', position: [260, 0], config: { expression: '{ "orderNo": id, "total": $sum(lines.(qty*price)) }' } },
  ],
  edges: [{ from: 'orders', to: 'total' }],
  tests: [
    { name: 'sums the lines', input: { orders: [{ id: 'A-1', lines: [{ qty: 2, price: 60 }] }] }, expect: { total: [{ orderNo: 'A-1', total: 120 }] } },
    { name: 'expects the wrong total', input: { orders: [{ id: 'A-2', lines: [{ qty: 1, price: 5 }] }] }, expect: { total: [{ orderNo: 'A-2', total: 6 }] } },
  ],
};

describe.skipIf(!chromiumCheck.present)('running a flow\'s tests from the designer', () => {
  let session: E2eSession;
  let designer: DesignerPage;

  beforeAll(async () => {
    session = await openSession();
    writeFileSync(join(session.workspace, 'flows', `${FLOW_ID}.flow.json`), serializeFlow(FLOW));
    designer = new DesignerPage(session.page, session.server.url, session.server.token);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('shows each test passed or failed, with the failing node and its diff', async () => {
    await designer.open(FLOW_ID);
    await designer.node('total').waitFor();
    // Opened as written: nothing to save, so switching flows later asks nothing.
    await expect.poll(() => designer.page.getByLabel('unsaved changes').count()).toBe(0);
    await expect.poll(() => designer.flowTests.runTestsButton.isEnabled()).toBe(true);
    await designer.flowTests.runTestsButton.click();

    await designer.flowTests.waitForSummary(/^1 passed, 1 failed$/);
    await designer.flowTests.test('sums the lines', 'passed').waitFor();
    const failed = designer.flowTests.test('expects the wrong total', 'failed');
    await failed.waitFor();
    expect(await failed.innerText()).toMatch(/Failed[\s\S]*Node total emitted something else[\s\S]*total\[0\]\.total: expected 6, got 5/);
    expect(session.pageErrors).toEqual([]);
  }, 60_000);

  it('agrees with pipewright test on the same file', async () => {
    const result = await pipewright(['--workspace', session.workspace, 'test', FLOW_ID], session.workspace);
    expect(result.stdout).toMatch(/✓ order-totals › sums the lines\n✗ order-totals › expects the wrong total\n {4}total\[0\]\.total: expected 6, got 5\n/);
    expect(result.stdout.trim().split('\n').at(-1)).toBe('1 passed, 1 failed');
    expect(result.code).toBe(1);
  }, 60_000);

  it('keeps the button disabled, saying why, for a flow without tests', async () => {
    await designer.flows.create('no-tests', 'No tests');
    await expect.poll(() => designer.flowTests.runTestsButton.isEnabled()).toBe(false);
    expect(await designer.flowTests.runTestsButton.getAttribute('title')).toMatch(/has no tests yet/);
    // Another flow in the canvas: the first flow's results are gone.
    expect(await designer.flowTests.root.count()).toBe(0);
  }, 60_000);
});
