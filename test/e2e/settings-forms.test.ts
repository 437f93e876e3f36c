// The inspector's settings forms end to end: an HTTP node's retries, queue limit and note, and the
// flow's trace mode and retention, set by form (never by JSON), saved and read back through the
// contract with exactly the keys set; undo takes one edit back; a refused value says why and leaves
// the document as it was. Steps run in order and stop at the first failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumCheck, openSession, rpc, skipAfterFirstFailure, type E2eSession } from './harness.js';
import { DesignerPage } from './pages/designer-page.js';
import { SettingsForms } from './pages/settings-forms.js';

const FLOW_ID = 'orders-out';
const FLOW = {
  format: 'pipewright/flow@1',
  id: FLOW_ID,
  name: 'Orders out',
  nodes: [
    { id: 'start', type: 'trigger.manual', position: [0, 0], config: {} },
    // A queue limit where it has no effect: the form shows it with why, and emptying it removes it.
    { id: 'shape', type: 'transform.map', position: [300, 0], config: { expression: '$' }, queueLimit: 50 },
    { id: 'erp', type: 'http.request', position: [600, 0], config: { method: 'POST', url: 'https://erp.example/api/orders' } },
  ],
  edges: [
    { from: 'start', to: 'shape' },
    { from: 'shape', to: 'erp' },
  ],
};

interface FlowDetail {
  document: { settings?: unknown; nodes: Array<Record<string, unknown>> };
}

describe.skipIf(!chromiumCheck.present).sequential('settings forms in the inspector', () => {
  let session: E2eSession;
  let designer: DesignerPage;
  let forms: SettingsForms;
  const saved = async () => ((await rpc(session.server, 'flows.get', { id: FLOW_ID })) as FlowDetail).document;

  beforeAll(async () => {
    session = await openSession();
    designer = new DesignerPage(session.page, session.server.url, session.server.token);
    forms = new SettingsForms(session.page);
    await rpc(session.server, 'flows.save', { document: FLOW });
    await rpc(session.server, 'runs.setRetentionDefault', { retention: { maxAgeDays: 30 } });
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  skipAfterFirstFailure();

  it('offers retries on the HTTP node, with the kind\'s default stated', async () => {
    await designer.open(FLOW_ID);
    await designer.select('erp');
    await expect.poll(() => designer.inspector.kind.innerText()).toBe('HTTP request');
    await forms.openDelivery();
    expect(await forms.retryMode('Default').isChecked()).toBe(true);
    await designer.inspector.root.getByText('5 attempts, first delay 500 ms, at most 30 s between them').waitFor();
    expect(await forms.queueLimit.getAttribute('placeholder')).toBe('10,000 (default)');
  });

  it('sets 3 attempts, a queue limit and a note', async () => {
    await forms.retryMode('Custom').check();
    await expect.poll(() => forms.attempts.inputValue()).toBe('5');
    await forms.type(forms.attempts, '3');
    await forms.type(forms.queueLimit, '500');
    await forms.type(forms.notes, 'The ERP team owns this API');
    await expect.poll(() => forms.deliverySummary.innerText()).toContain('3 attempts · queue 500 · note');
    await designer.unsavedMark.waitFor();
  });

  it('says a trigger has no retries, and a Map neither retries nor queues (emptying its stray limit removes it)', async () => {
    await designer.select('start');
    await expect.poll(() => designer.inspector.kind.innerText()).toBe('Manual trigger');
    await forms.openDelivery();
    await forms.queueLimit.waitFor();
    expect(await forms.retryMode('Custom').count()).toBe(0);
    await designer.select('shape');
    await expect.poll(() => designer.inspector.kind.innerText()).toBe('Map');
    await forms.openDelivery();
    await designer.inspector.root.getByText('Has no effect: a Map runs in memory with the step before it and holds no queue.', { exact: false }).waitFor();
    await designer.inspector.root.getByText('Retries and a queue limit do not apply').waitFor();
    await forms.type(forms.queueLimit, '');
    await expect.poll(() => forms.deliverySummary.innerText()).toBe('Delivery and notes');
  });

  it('sets the flow\'s trace to errors only and keeps at most 20 runs', async () => {
    await designer.canvas.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await forms.traceMode('Errors only').waitFor();
    expect(await forms.traceMode('Default').isChecked()).toBe(true);
    await expect.poll(() => forms.maxRuns.getAttribute('placeholder')).toBe('no limit (workspace default)');
    await forms.traceMode('Errors only').check();
    expect(await forms.sampleRate.count()).toBe(0);
    await forms.type(forms.maxRuns, '20');
    await expect.poll(() => forms.retentionSummary.innerText()).toBe('This flow keeps: 20 runs. Empty every field to use the workspace default.');
  });

  it('saves exactly the keys set', async () => {
    await designer.save(FLOW_ID);
    const document = await saved();
    expect(document.settings).toEqual({ trace: 'errors', retention: { maxRuns: 20 } });
    expect(document.nodes.find((node) => node.id === 'erp')).toEqual({
      ...FLOW.nodes[2],
      retry: { maxAttempts: 3 },
      queueLimit: 500,
      notes: 'The ERP team owns this API',
    });
    const { queueLimit: _removed, ...shape } = FLOW.nodes[1] as Record<string, unknown>;
    expect(document.nodes.filter((node) => node.id !== 'erp')).toEqual([FLOW.nodes[0], shape]);
  });

  it('takes the last edit back with Undo, and saves the flow without it', async () => {
    await designer.page.getByRole('banner').getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => forms.maxRuns.inputValue()).toBe('');
    expect(await forms.traceMode('Errors only').isChecked()).toBe(true);
    await designer.unsavedMark.waitFor();
    await designer.save(FLOW_ID);
    expect((await saved()).settings).toEqual({ trace: 'errors' });
  });

  it('refuses 0 attempts with a message in words and leaves the document as it was', async () => {
    await designer.select('erp');
    await forms.openDelivery();
    await forms.attempts.fill('0');
    await expect.poll(() => forms.errorOf(forms.attempts).innerText()).toBe('Attempts must be a whole number from 2 to 100 (the first try included); for no retries choose Off.');
    expect(await forms.attempts.getAttribute('aria-invalid')).toBe('true');
    await forms.attempts.blur();
    expect(await designer.unsavedMark.count()).toBe(0);
    expect(await forms.deliverySummary.innerText()).toContain('3 attempts');
  });

  it('threw no uncaught errors in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
