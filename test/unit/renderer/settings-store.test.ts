// The flow store's settings edits (renderer/src/canvas/store.ts setNodeDelivery, setFlowSettings): each
// undoes and redoes, typing in one field is one undo step, an empty value removes its key so the file
// stays minimal, and an edit that changes nothing makes no history.
import { describe, expect, it } from 'vitest';
import { serializeFlow } from '../../../shared/flow/serialize.js';
import { validateFlow } from '../../../shared/flow/validate.js';
import type { FlowChange } from '../../../renderer/src/canvas/changes.js';
import { createFlowStore } from '../../../renderer/src/canvas/store.js';
import { sampleFlow } from '../shared/flow/sample-flow.js';

const nodeOf = (store: ReturnType<typeof createFlowStore>, id: string) => store.getSnapshot().nodesById.get(id);

describe('settings changes undo and redo', () => {
  const cases: Array<[string, FlowChange[]]> = [
    ['set-delivery on a node with none', [{ type: 'set-delivery', id: 'big', delivery: { queueLimit: 50, notes: 'only big orders' } }]],
    ['set-delivery replacing a retry policy', [{ type: 'set-delivery', id: 'erp', delivery: { retry: { maxAttempts: 3 } } }]],
    ['set-delivery removing everything', [{ type: 'set-delivery', id: 'erp', delivery: {} }]],
    ['set-settings', [{ type: 'set-settings', settings: { trace: 'errors', retention: { maxRuns: 20 } } }]],
  ];
  for (const [name, changes] of cases) {
    it(name, () => {
      const original = sampleFlow();
      const store = createFlowStore(structuredClone(original));
      store.apply(changes);
      const after = store.getSnapshot().doc;
      expect(after).not.toEqual(original);
      expect(store.undo()).toBe(true);
      expect(serializeFlow(store.getSnapshot().doc)).toBe(serializeFlow(original));
      expect(store.getSnapshot().dirty).toBe(false);
      expect(store.redo()).toBe(true);
      expect(store.getSnapshot().doc).toEqual(after);
    });
  }

  it('puts back the settings a flow had when a set-settings is undone', () => {
    const store = createFlowStore({ ...sampleFlow(), settings: { trace: 'full' } });
    store.apply([{ type: 'set-settings', settings: undefined }]);
    expect(store.getSnapshot().doc.settings).toBeUndefined();
    store.undo();
    expect(store.getSnapshot().doc.settings).toEqual({ trace: 'full' });
  });
});

describe('setNodeDelivery', () => {
  it('changes only the keys given and keeps the others', () => {
    const store = createFlowStore(sampleFlow());
    store.setNodeDelivery('erp', { queueLimit: 500 });
    store.setNodeDelivery('erp', { notes: 'ERP team owns this API' });
    expect(nodeOf(store, 'erp')).toMatchObject({ retry: { maxAttempts: 6, backoffMs: 500, maxBackoffMs: 60000 }, queueLimit: 500, notes: 'ERP team owns this API' });
  });

  it('removes a key given as undefined or as empty notes, so the file stays minimal', () => {
    const store = createFlowStore(sampleFlow());
    store.setNodeDelivery('erp', { notes: 'x', queueLimit: 7 });
    store.setNodeDelivery('erp', { retry: undefined, queueLimit: undefined, notes: '' });
    const node = nodeOf(store, 'erp');
    expect(node && Object.keys(node)).toEqual(['id', 'type', 'position', 'config']);
    expect(serializeFlow(store.getSnapshot().doc)).not.toMatch(/retry|queueLimit|notes/);
  });

  it('writes a retry policy as given, which the flow schema accepts and completes', () => {
    const store = createFlowStore(sampleFlow());
    store.setNodeDelivery('erp', { retry: { maxAttempts: 3 } });
    expect(nodeOf(store, 'erp')?.retry).toEqual({ maxAttempts: 3 });
    const valid = validateFlow(store.getSnapshot().doc);
    expect(valid.problems).toEqual([]);
    expect(valid.flow?.nodes[3]?.retry).toEqual({ maxAttempts: 3, backoffMs: 1000, maxBackoffMs: 60000 });
  });

  it('makes typing in one field one undo step, and each field its own', () => {
    const store = createFlowStore(sampleFlow());
    store.setNodeDelivery('big', { notes: 'O' });
    store.setNodeDelivery('big', { notes: 'On' });
    store.setNodeDelivery('big', { notes: 'Only big' });
    store.setNodeDelivery('big', { queueLimit: 1 });
    store.setNodeDelivery('big', { queueLimit: 10 });
    store.undo();
    expect(nodeOf(store, 'big')).toMatchObject({ notes: 'Only big' });
    expect(nodeOf(store, 'big')?.queueLimit).toBeUndefined();
    store.undo();
    expect(nodeOf(store, 'big')?.notes).toBeUndefined();
    expect(store.getSnapshot().canUndo).toBe(false);
  });

  it('starts a new undo step after seal()', () => {
    const store = createFlowStore(sampleFlow());
    store.setNodeDelivery('big', { notes: 'first' });
    store.seal();
    store.setNodeDelivery('big', { notes: 'second' });
    store.undo();
    expect(nodeOf(store, 'big')?.notes).toBe('first');
  });

  it('makes no undo step and no unsaved mark for an edit that changes nothing', () => {
    const store = createFlowStore(sampleFlow());
    store.setNodeDelivery('erp', { retry: { maxAttempts: 6, backoffMs: 500, maxBackoffMs: 60000 } });
    store.setNodeDelivery('big', { notes: '' });
    expect(store.getSnapshot().canUndo).toBe(false);
    expect(store.getSnapshot().dirty).toBe(false);
  });

  it('refuses a node the flow does not have', () => {
    const store = createFlowStore(sampleFlow());
    expect(() => store.setNodeDelivery('ghost', { notes: 'x' })).toThrow(/no node "ghost"/);
  });
});

describe('setFlowSettings', () => {
  it('sets trace, sample rate and retention and writes them in the file', () => {
    const store = createFlowStore(sampleFlow());
    store.setFlowSettings({ trace: 'sampled' });
    store.setFlowSettings({ traceSampleRate: 0.05 });
    store.setFlowSettings({ retention: { maxRuns: 100 } });
    expect(store.getSnapshot().doc.settings).toEqual({ trace: 'sampled', traceSampleRate: 0.05, retention: { maxRuns: 100 } });
    expect(validateFlow(store.getSnapshot().doc).problems).toEqual([]);
    expect(store.getSnapshot().dirty).toBe(true);
  });

  it('removes the settings key once nothing is set, an empty retention included', () => {
    const store = createFlowStore(sampleFlow());
    store.setFlowSettings({ trace: 'errors', retention: { maxAgeDays: 3 } });
    store.setFlowSettings({ trace: undefined, retention: {} });
    expect('settings' in store.getSnapshot().doc).toBe(false);
    expect(store.getSnapshot().dirty).toBe(false);
  });

  it('coalesces typing in one field into one undo step', () => {
    const store = createFlowStore(sampleFlow());
    store.setFlowSettings({ trace: 'sampled' });
    store.seal();
    store.setFlowSettings({ traceSampleRate: 0.1 });
    store.setFlowSettings({ traceSampleRate: 0.12 });
    store.undo();
    expect(store.getSnapshot().doc.settings).toEqual({ trace: 'sampled' });
  });

  it('makes no undo step when nothing changes', () => {
    const store = createFlowStore({ ...sampleFlow(), settings: { trace: 'full' } });
    store.setFlowSettings({ trace: 'full', retention: undefined });
    expect(store.getSnapshot().canUndo).toBe(false);
  });
});
