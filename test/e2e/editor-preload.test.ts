// The expression editor (Monaco, a ~3 MB chunk) loads once the user leaves the designer alone for a
// moment, so the first node selected does not wait for it. (That it waits for a pause in the input is
// unit-tested: test/unit/renderer/when-quiet.test.ts.)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../shared/flow/schema.js';
import { serializeFlow } from '../../shared/flow/serialize.js';
import { chromiumCheck, openSession, skipAfterFirstFailure, type E2eSession } from './harness.js';
import { DesignerPage } from './pages/designer-page.js';

const FLOW_ID = 'preload';
const FLOW: FlowDocument = {
  format: 'pipewright/flow@1',
  id: FLOW_ID,
  name: 'Preload',
  nodes: [
    { id: 'orders', type: 'trigger.manual', position: [0, 0], config: {} },
    { id: 'shape', name: 'Shape', type: 'transform.map', position: [300, 0], config: { expression: '{ "no": id }' } },
  ],
  edges: [{ from: 'orders', to: 'shape' }],
};

/** Whether the page has fetched Monaco's chunk (its file name starts with monaco-setup). */
const monacoLoaded = (session: E2eSession): Promise<boolean> =>
  session.page.evaluate(() => performance.getEntriesByType('resource').some((entry) => /\/monaco-setup[^/]*\.js$/.test(entry.name)));

describe.skipIf(!chromiumCheck.present).sequential('the expression editor loaded ahead of use', () => {
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

  skipAfterFirstFailure();

  it('loads once the user pauses, before any node is selected', async () => {
    await designer.open(FLOW_ID);
    await designer.node('Shape').waitFor();
    await expect.poll(() => monacoLoaded(session), { timeout: 10_000 }).toBe(true);
    expect(await session.page.locator('.monaco-editor').count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });
});
