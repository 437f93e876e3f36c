// Typing in the inspector's mapping editor end to end in Chromium against the real server. What is typed
// reaches the flow document a moment later (the designer does not re-render per keystroke), so every
// way out of the editor must write it first, and to the node it was typed in: Ctrl+S right after
// typing, and another node selected right after typing. The live output follows each keystroke, both
// when the expression is evaluated within the keystroke and when only the evaluation worker can.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../shared/flow/schema.js';
import { serializeFlow } from '../../shared/flow/serialize.js';
import { chromiumCheck, openSession, skipAfterFirstFailure, type E2eSession } from './harness.js';
import { DesignerPage } from './pages/designer-page.js';

const FLOW_ID = 'typing';
const FLOW: FlowDocument = {
  format: 'pipewright/flow@1',
  id: FLOW_ID,
  name: 'Typing',
  nodes: [
    { id: 'orders', type: 'trigger.manual', position: [0, 0], config: {} },
    { id: 'first', name: 'First map', type: 'transform.map', position: [300, 0], config: { expression: 'total' } },
    { id: 'second', name: 'Second map', type: 'transform.map', position: [600, 0], config: { expression: '$' } },
  ],
  edges: [
    { from: 'orders', to: 'first' },
    { from: 'first', to: 'second' },
  ],
  samples: { orders: [{ id: 'A-1', total: 10 }] },
};

const savedExpressions = (session: E2eSession): Record<string, unknown> => {
  const saved = JSON.parse(readFileSync(join(session.workspace, 'flows', `${FLOW_ID}.flow.json`), 'utf8')) as FlowDocument;
  return Object.fromEntries(saved.nodes.filter((node) => node.type === 'transform.map').map((node) => [node.id, node.config.expression]));
};

describe.skipIf(!chromiumCheck.present).sequential('typing in the inspector\'s mapping editor', () => {
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

  it('shows the output of each keystroke, evaluated at once or by the worker', async () => {
    await designer.open(FLOW_ID);
    await designer.select('First map');
    await designer.mappingEditor.focus();
    await session.page.keyboard.press('ControlOrMeta+End');
    await designer.mappingEditor.type(' * 2');
    await expect.poll(() => designer.mappingEditor.outputText()).toBe('20');
    // $formatNumber is left to jsonata's interpreter, which only the worker runs.
    await designer.mappingEditor.type(' & $formatNumber(7, "#")');
    await expect.poll(() => designer.mappingEditor.outputText()).toBe('"207"');
  });

  it('saves with Ctrl+S what was typed a moment before', async () => {
    await designer.mappingEditor.type('0');
    await session.page.keyboard.press('ControlOrMeta+s');
    await designer.statusMessage.filter({ hasText: `Saved flows/${FLOW_ID}.flow.json` }).waitFor();
    expect(savedExpressions(session)).toEqual({ first: 'total * 2 & $formatNumber(7, "#")0', second: '$' });
    await session.page.waitForTimeout(500);
    expect(await designer.unsavedMark.count()).toBe(0);
  });

  it('writes what was typed to its own node when another node is selected right after', async () => {
    await session.page.keyboard.press('Backspace');
    await designer.select('Second map');
    await expect.poll(() => designer.mappingEditor.expression()).toBe('$');
    await designer.save(FLOW_ID);
    expect(savedExpressions(session)).toEqual({ first: 'total * 2 & $formatNumber(7, "#")', second: '$' });
    expect(session.pageErrors).toEqual([]);
  });
});
