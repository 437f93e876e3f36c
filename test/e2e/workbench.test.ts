// The mapping workbench end to end in Chromium against the real server: opened with Enter from a
// Map whose trigger has two sample messages, a field path inserted by click and by drag, Format, one
// output per message, a pinned expectation that then fails with the paths that differ, Esc back
// to the panel showing the edited expression, and Ctrl+S saving what was typed just before. Steps run
// in order and stop at the first failure.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../shared/flow/schema.js';
import { serializeFlow } from '../../shared/flow/serialize.js';
import { chromiumCheck, openSession, skipAfterFirstFailure, type E2eSession } from './harness.js';
import { DesignerPage } from './pages/designer-page.js';
import { Workbench } from './pages/workbench.js';

const FLOW_ID = 'workbench';
const FLOW: FlowDocument = {
  format: 'pipewright/flow@1',
  id: FLOW_ID,
  name: 'Workbench',
  nodes: [
    { id: 'orders', type: 'trigger.manual', position: [0, 0], config: {} },
    { id: 'shape', name: 'Shape order', type: 'transform.map', position: [300, 0], config: { expression: '{ "no": id }' } },
  ],
  edges: [{ from: 'orders', to: 'shape' }],
  samples: {
    orders: [
      { id: 'A-1', total: 10, lines: [{ qty: 1 }] },
      { id: 'B-2', total: 20, lines: [{ qty: 2 }] },
    ],
  },
};

describe.skipIf(!chromiumCheck.present).sequential('the mapping workbench', () => {
  let session: E2eSession;
  let designer: DesignerPage;
  let workbench: Workbench;

  beforeAll(async () => {
    session = await openSession();
    writeFileSync(join(session.workspace, 'flows', `${FLOW_ID}.flow.json`), serializeFlow(FLOW));
    designer = new DesignerPage(session.page, session.server.url, session.server.token);
    workbench = new Workbench(session.page);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  skipAfterFirstFailure();

  it('opens with Enter from the Map\'s panel and shows one output per sample message', async () => {
    await designer.open(FLOW_ID);
    await designer.node('Shape order').waitFor();
    await designer.select('Shape order');
    await workbench.openButton.focus();
    await session.page.keyboard.press('Enter');
    await workbench.root.waitFor();
    expect(await workbench.root.getAttribute('aria-label')).toBe('Mapping workbench — Shape order');
    await expect.poll(() => workbench.outputText(1)).toContain('"no": "A-1"');
    await expect.poll(() => workbench.outputText(2)).toContain('"no": "B-2"');
  });

  it('shows an input message as a table and as JSON, one message at a time', async () => {
    await workbench.input.getByRole('tab', { name: 'Message 2' }).click();
    await workbench.inputView('JSON').click();
    await expect.poll(() => workbench.input.getByLabel('Input JSON').innerText()).toContain('"B-2"');
    await workbench.inputView('Table').click();
    await workbench.input.getByText('Not a list of objects').waitFor();
    await workbench.inputView('Tree').click();
    await workbench.field('lines.qty').waitFor();
  });

  it('resizes the panes from the keyboard and remembers the widths when opened again', async () => {
    const before = Number(await workbench.inputHandle.getAttribute('aria-valuenow'));
    await workbench.inputHandle.focus();
    await session.page.keyboard.press('Shift+ArrowRight');
    await expect.poll(async () => Number(await workbench.inputHandle.getAttribute('aria-valuenow'))).toBe(before + 10);
    await session.page.keyboard.press('Escape');
    await workbench.root.waitFor({ state: 'detached' });
    await workbench.openButton.click();
    await workbench.root.waitFor();
    expect(Number(await workbench.inputHandle.getAttribute('aria-valuenow'))).toBe(before + 10);
  });

  it('inserts a field path by click and another by drag', async () => {
    await workbench.clearExpression();
    await workbench.field('total').click();
    await expect.poll(() => workbench.expression()).toBe('total');
    await session.page.keyboard.type('+');
    await workbench.dragFieldToEditor('lines.qty');
    await expect.poll(() => workbench.expression()).toBe('total+lines.qty');
    await expect.poll(() => workbench.outputText(1)).toBe('11');
    await expect.poll(() => workbench.outputText(2)).toBe('22');
  });

  it('formats the expression', async () => {
    await workbench.formatButton.click();
    await expect.poll(() => workbench.expression()).toBe('total + lines.qty');
  });

  it('shows the value of the part under the cursor', async () => {
    await workbench.monaco.locator('.view-lines').click({ position: { x: 3, y: 8 } });
    await expect.poll(() => workbench.valueUnderCursor.innerText()).toBe('total = 10');
  });

  it('keeps Tab and Shift+Tab inside the workbench: from its first control back to its last, and on', async () => {
    // Close is the first control; the presses stay out of the editor, where Tab indents.
    await workbench.closeButton.focus();
    await session.page.keyboard.press('Shift+Tab');
    const last = await workbench.root.evaluate((root) => root.contains(document.activeElement) && document.activeElement?.textContent);
    expect(last).not.toBe(false);
    expect(last).not.toBe('Close');
    await session.page.keyboard.press('Tab');
    expect(await workbench.closeButton.evaluate((button) => button === document.activeElement)).toBe(true);
  });

  it('closes with Close; the panel pins the outputs of both messages', async () => {
    await workbench.closeButton.click();
    await workbench.root.waitFor({ state: 'detached' });
    await expect.poll(() => designer.mappingEditor.expression()).toBe('total + lines.qty');
    await designer.mappingEditor.pinButton.click();
    await designer.mappingEditor.pinNote('Pinned as the test "Shape order output" (2 outputs)').waitFor();
  });

  it('shows the pinned output beside the actual one; an edit fails the test and lists the paths that differ', async () => {
    await workbench.openButton.click();
    await workbench.root.waitFor();
    await workbench.tests.getByText('✓ Test "Shape order output" passes').waitFor();
    await expect.poll(() => workbench.expected(2).locator('pre').innerText()).toBe('22');
    await workbench.focusEditor();
    await session.page.keyboard.press('ControlOrMeta+End');
    await session.page.keyboard.type(' * 2');
    await workbench.tests.getByText('✕ Test "Shape order output" fails').waitFor();
    const differences = workbench.root.getByRole('list', { name: 'Differences from "Shape order output"' });
    await differences.getByText('[0]: expected 11, got 12').waitFor();
    await differences.getByText('[1]: expected 22, got 24').waitFor();
    await expect.poll(() => workbench.outputText(1)).toBe('12');
  });

  it('closes with Esc; the panel and the saved flow hold the edited expression', async () => {
    await session.page.keyboard.press('Escape');
    // The first Esc may only close Monaco's suggestions; the dialog listens for the next one.
    if (await workbench.root.isVisible()) await session.page.keyboard.press('Escape');
    await workbench.root.waitFor({ state: 'detached' });
    // The panel's narrow editor wraps the line, so its text is compared without spaces; the saved
    // file shows the one document holds the workbench's edit exactly.
    await expect.poll(async () => (await designer.mappingEditor.expression()).replace(/\s/g, '')).toBe('total+lines.qty*2');
    await designer.save(FLOW_ID);
    const saved = JSON.parse(readFileSync(join(session.workspace, 'flows', `${FLOW_ID}.flow.json`), 'utf8')) as FlowDocument;
    expect(saved.nodes.find((node) => node.id === 'shape')?.config).toEqual({ expression: 'total + lines.qty * 2' });
    expect(saved.tests?.[0]).toMatchObject({ name: 'Shape order output', expect: { shape: [11, 22] } });
    expect(session.pageErrors).toEqual([]);
  });

  it('saves with Ctrl+S what was typed a moment before, without waiting for typing to pause', async () => {
    await workbench.openButton.click();
    await workbench.root.waitFor();
    await workbench.focusEditor();
    await session.page.keyboard.press('ControlOrMeta+End');
    await session.page.keyboard.type(' + 1');
    await session.page.keyboard.press('ControlOrMeta+s');
    await designer.statusMessage.filter({ hasText: `Saved flows/${FLOW_ID}.flow.json` }).waitFor();
    const saved = JSON.parse(readFileSync(join(session.workspace, 'flows', `${FLOW_ID}.flow.json`), 'utf8')) as FlowDocument;
    expect(saved.nodes.find((node) => node.id === 'shape')?.config).toEqual({ expression: 'total + lines.qty * 2 + 1' });
    // Nothing typed is left to reach the document later and mark the flow unsaved again.
    await session.page.waitForTimeout(500);
    expect(await designer.unsavedMark.count()).toBe(0);
  });

  it('shows the value of the part under the cursor after typing, not only after a click', async () => {
    // The outputs were shown within the keystroke; the value under the cursor is asked after them.
    await expect.poll(() => workbench.valueUnderCursor.innerText()).toBe('1 = 1');
    expect(session.pageErrors).toEqual([]);
  });
});
