// The flow tests editor, end to end in Chromium against the real server and engine: a flow whose
// trigger feeds a Map and an HTTP request to a real server on 127.0.0.1 is run once; "New from last
// run" makes a test of it (the trigger's message as input, the terminal nodes' outputs as expected, the
// HTTP node's answer as its stand-in, so running the test sends no request); the test is renamed, its
// expectation broken by editing its JSON, run alone and seen failing with the diff, fixed and seen
// passing; a JSON syntax error is reported with its line and changes nothing; the saved file holds the
// test. Steps run in order and stop at the first failure.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeFlow } from '../../shared/flow/serialize.js';
import type { FlowDocument } from '../../shared/flow/schema.js';
import { chromiumCheck, openSession, rpc, skipAfterFirstFailure, type E2eSession } from './harness.js';
import { DesignerPage } from './pages/designer-page.js';

const FLOW_ID = 'order-notes';

function flowCalling(apiUrl: string): FlowDocument {
  return {
    format: 'pipewright/flow@1',
    id: FLOW_ID,
    name: 'Order notes',
    nodes: [
      { id: 'orders', type: 'trigger.manual', position: [0, 0], config: {} },
      { id: 'total', type: 'transform.map', position: [300, 0], config: { expression: '{ "orderNo": id, "total": qty * price }' } },
      { id: 'notify', type: 'http.request', position: [300, 200], config: { method: 'POST', url: `${apiUrl}/notes` } },
    ],
    edges: [
      { from: 'orders', to: 'total' },
      { from: 'orders', to: 'notify' },
    ],
    samples: { orders: [{ id: 'A-1', qty: 2, price: 60 }] },
  };
}

describe.skipIf(!chromiumCheck.present).sequential('the flow tests editor', () => {
  let session: E2eSession;
  let designer: DesignerPage;
  let api: Server;
  let requests = 0;
  skipAfterFirstFailure();

  beforeAll(async () => {
    api = createServer((request, response) => {
      requests += 1;
      request.resume();
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"noted":true}');
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    session = await openSession();
    const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    writeFileSync(join(session.workspace, 'flows', `${FLOW_ID}.flow.json`), serializeFlow(flowCalling(apiUrl)));
    designer = new DesignerPage(session.page, session.server.url, session.server.token);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await new Promise((resolve) => api?.close(resolve));
  });

  it('opens the panel from the header with no test yet, and says how to make one', async () => {
    await designer.open(FLOW_ID);
    await designer.node('total').waitFor();
    await designer.flowTests.openButton.click();
    await designer.flowTests.root.getByText(/This flow has no tests yet/).waitFor();
    expect(await designer.flowTests.button('New from last run').isDisabled()).toBe(true);
  });

  it('makes a test from the last run: input, expected outputs and the HTTP node stood in', async () => {
    await designer.runButton.click();
    await designer.runPanel.waitForSummary(/^Succeeded, 1 message in, 2 out, 0 dead letters$/);
    expect(requests).toBe(1);
    await expect.poll(() => designer.flowTests.button('New from last run').isEnabled()).toBe(true);
    await designer.flowTests.button('New from last run').click();
    const form = designer.flowTests.root.getByRole('form', { name: /^Edit test Run / });
    await form.waitFor();
    const part = async (label: RegExp): Promise<unknown> => JSON.parse(await form.getByLabel(label).inputValue());
    expect(await part(/^Input/)).toEqual({ orders: [{ id: 'A-1', qty: 2, price: 60 }] });
    expect(await part(/^Expected outputs/)).toMatchObject({ total: [{ orderNo: 'A-1', total: 120 }] });
    expect(Object.keys((await part(/^Stand-ins/)) as object)).toEqual(['notify']);
  });

  it('renames it and breaks its expectation; run alone, it fails with the diff and calls no API', async () => {
    const form = designer.flowTests.root.getByRole('form', { name: /^Edit test Run / });
    await form.getByLabel('Test name', { exact: true }).fill('one order');
    const expected = form.getByLabel(/^Expected outputs/);
    const text = await expected.inputValue();
    await expected.fill(text.replace('"total": 120', '"total": 121'));
    await form.getByRole('button', { name: 'Apply', exact: true }).click();
    await designer.flowTests.row('one order').waitFor();
    await designer.unsavedMark.waitFor();

    await designer.flowTests.action('Run', 'one order').click();
    const failed = designer.flowTests.test('one order', 'failed');
    await failed.waitFor({ timeout: 30_000 });
    expect(await failed.innerText()).toMatch(/Node total emitted something else[\s\S]*total\[0\]\.total: expected 121, got 120/);
    expect(requests).toBe(1);
  });

  it('reports a JSON syntax error with its line and changes nothing', async () => {
    await designer.flowTests.action('Edit', 'one order').click();
    const form = designer.flowTests.editor('one order');
    await form.getByLabel(/^Expected outputs/).fill('{\n  "total": [ { "orderNo": "A-1", } ]\n}');
    await form.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect.poll(() => form.getByRole('alert').innerText()).toMatch(/^Expected outputs: Line 2, column \d+: /);
    await form.getByRole('button', { name: 'Cancel', exact: true }).click();
    await designer.flowTests.test('one order', 'failed').waitFor();
  });

  it('fixed, it passes; duplicated and deleted, the list follows; saved, the file holds it', async () => {
    await designer.flowTests.action('Edit', 'one order').click();
    const form = designer.flowTests.editor('one order');
    const expected = form.getByLabel(/^Expected outputs/);
    await expected.fill((await expected.inputValue()).replace('"total": 121', '"total": 120'));
    await form.getByRole('button', { name: 'Apply', exact: true }).click();
    // Edited since its last run: shown as not run until it runs again.
    await designer.flowTests.row('one order').and(designer.flowTests.root.getByRole('listitem', { name: 'one order: not run' })).waitFor();
    await designer.flowTests.button('Run all').click();
    await designer.flowTests.test('one order', 'passed').waitFor({ timeout: 30_000 });
    await designer.flowTests.waitForSummary(/^1 passed, 0 failed$/);

    await designer.flowTests.action('Duplicate', 'one order').click();
    await designer.flowTests.row('one order (copy)').waitFor();
    await designer.flowTests.action('Delete', 'one order (copy)').click();
    await designer.flowTests.row('one order (copy)').waitFor({ state: 'detached' });
    expect(await designer.flowTests.openButton.innerText()).toBe('Tests (1)');

    await designer.save(FLOW_ID);
    const { document } = (await rpc(session.server, 'flows.get', { id: FLOW_ID })) as { document: FlowDocument };
    expect(document.tests).toHaveLength(1);
    expect(document.tests?.[0]).toMatchObject({ name: 'one order', input: { orders: [{ id: 'A-1' }] }, expect: { total: [{ orderNo: 'A-1', total: 120 }] }, standIns: { notify: [expect.anything()] } });
    expect(requests).toBe(1);
    expect(session.pageErrors).toEqual([]);
  });
});
