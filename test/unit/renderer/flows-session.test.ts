import { describe, expect, it } from 'vitest';
import type { FlowHandlers, SavedFlow } from '../../../shared/api/index.js';
import { PipewrightError } from '../../../shared/errors.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { serializeFlow } from '../../../shared/flow/serialize.js';
import type { ApiClient } from '../../../renderer/src/api/client.js';
import { createMemoryClient } from '../../../renderer/src/api/memory-client.js';
import { createFlowStore } from '../../../renderer/src/canvas/store.js';
import { createFlowSession, emptyFlow, flowIdFromHash, type ConflictChoice, type SessionPrompts } from '../../../renderer/src/flows/flow-session.js';

/** A workspace of flow files in memory, with revisions that change on every write, as the service has. */
function fakeWorkspace() {
  const files = new Map<string, { doc: FlowDocument; revision: string }>();
  let counter = 0;
  const write = (doc: FlowDocument): SavedFlow => {
    counter += 1;
    files.set(doc.id, { doc, revision: `rev${counter}` });
    return { id: doc.id, revision: `rev${counter}`, text: serializeFlow(doc), file: `flows/${doc.id}.flow.json`, document: doc, problems: [] };
  };
  const check = (id: string, expected: string | null | undefined) => {
    if (expected === undefined) return;
    const current = files.get(id)?.revision ?? null;
    if (current !== expected) throw new PipewrightError('CONFLICT', `${id} changed`);
  };
  const existing = (id: string) => {
    const file = files.get(id);
    if (!file) throw new PipewrightError('FLOW_NOT_FOUND', `no flow ${id}`);
    return file;
  };
  const handlers: Partial<FlowHandlers> = {
    'flows.list': async () => [...files.values()].map(({ doc, revision }) => ({ id: doc.id, name: doc.name, nodeCount: doc.nodes.length, problemCount: 0, revision, modifiedAt: '2024-01-01T00:00:00Z' })),
    'flows.get': async ({ id }) => {
      const { doc, revision } = existing(id);
      return { id, revision, text: serializeFlow(doc), file: `flows/${id}.flow.json`, document: doc, problems: [] };
    },
    'flows.create': async ({ id, name }) => {
      check(id, null);
      return write(emptyFlow(id, name));
    },
    'flows.save': async ({ document, expectedRevision }) => {
      check(document.id, expectedRevision);
      return write(document);
    },
    'flows.rename': async ({ id, newId, name, expectedRevision }) => {
      check(id, expectedRevision);
      const { doc } = existing(id);
      files.delete(id);
      return write({ ...doc, id: newId ?? id, name: name ?? doc.name });
    },
    'flows.duplicate': async ({ id, newId, name }) => write({ ...existing(id).doc, id: newId, name: name ?? 'copy' }),
    'flows.delete': async ({ id, expectedRevision }) => {
      check(id, expectedRevision);
      files.delete(id);
      return { id };
    },
  };
  return { files, write, handlers, client: createMemoryClient(handlers) };
}

function setup(answers: { discard?: boolean; delete?: boolean; conflict?: ConflictChoice } = {}, wrap: (client: ApiClient) => ApiClient = (client) => client) {
  const workspace = fakeWorkspace();
  workspace.write(emptyFlow('orders', 'Orders'));
  workspace.write(emptyFlow('invoices', 'Invoices'));
  const store = createFlowStore(emptyFlow());
  const asked: string[] = [];
  const prompts: SessionPrompts = {
    confirmDiscard: async (action) => (asked.push(`discard: ${action}`), answers.discard ?? false),
    confirmDelete: async ({ id }) => (asked.push(`delete: ${id}`), answers.delete ?? false),
    resolveConflict: async (id) => (asked.push(`conflict: ${id}`), answers.conflict ?? 'cancel'),
  };
  let hash: string | undefined;
  const session = createFlowSession({ client: wrap(workspace.client), store, prompts, location: { read: () => hash, write: (id) => void (hash = id) } });
  const edit = () => store.addNode('output.log', [0, 0]);
  return { ...workspace, store, session, asked, hash: () => hash, setHash: (id: string) => void (hash = id), edit };
}

describe('flows session', () => {
  it('opens a flow with its revision and puts its id in the address', async () => {
    const { session, store, hash } = setup();
    expect(await session.open('orders')).toBe(true);
    expect(store.getSnapshot().doc.name).toBe('Orders');
    expect(store.getSnapshot().dirty).toBe(false);
    expect(session.getState()).toMatchObject({ flowId: 'orders', revision: 'rev1', status: { kind: 'info', text: 'Opened flows/orders.flow.json' } });
    expect(hash()).toBe('orders');
  });

  it('asks before unsaved changes would be lost, and keeps them when the user says no', async () => {
    const { session, store, asked, edit, hash } = setup({ discard: false });
    await session.open('orders');
    edit();
    expect(await session.open('invoices')).toBe(false);
    expect(await session.create({ id: 'fresh', name: 'Fresh' })).toBe(false);
    expect(asked).toEqual(['discard: open "invoices"', 'discard: create "fresh"']);
    expect(store.getSnapshot().doc.nodes).toHaveLength(1);
    expect(hash()).toBe('orders');
  });

  it('switches flows without asking when nothing is unsaved, and after the user agreed to discard', async () => {
    const quiet = setup();
    await quiet.session.open('orders');
    await quiet.session.open('invoices');
    expect(quiet.asked).toEqual([]);
    const agreed = setup({ discard: true });
    await agreed.session.open('orders');
    agreed.edit();
    expect(await agreed.session.open('invoices')).toBe(true);
    expect(agreed.store.getSnapshot().doc.id).toBe('invoices');
  });

  it('opens the flow the address names, once', async () => {
    const { session, setHash, store } = setup();
    setHash('invoices');
    await session.openFromLocation();
    expect(store.getSnapshot().doc.id).toBe('invoices');
    const generation = store.getSnapshot().generation;
    await session.openFromLocation();
    expect(store.getSnapshot().generation).toBe(generation);
  });

  it('asks for the flow the address names before the list, and opens it while the list is still on its way', async () => {
    const calls: string[] = [];
    let releaseList = (): void => undefined;
    const listHeld = new Promise<void>((resolve) => (releaseList = resolve));
    const { session, setHash, store } = setup({}, (client) => ({
      subscribe: client.subscribe,
      send: (method, params) => {
        calls.push(method);
        return (method === 'flows.list' ? listHeld : Promise.resolve()).then(() => client.send(method, params));
      },
    }));
    setHash('invoices');
    const started = session.start();
    expect(calls).toEqual(['flows.get', 'flows.list']);
    await expect.poll(() => store.getSnapshot().doc.id).toBe('invoices');
    expect(session.getState().listLoaded).toBe(false);
    releaseList();
    await started;
    expect(session.getState().flows.map((flow) => flow.id)).toEqual(['orders', 'invoices']);
  });

  it('shows the problems the service found in the opened flow, and validates edits itself', async () => {
    const fromService = { code: 'SERVICE_SAYS', message: 'found by the service', path: 'nodes[0].config' };
    const { session, store, files, handlers } = setup();
    const get = handlers['flows.get'];
    handlers['flows.get'] = async (params) => ({ ...(await get!(params)), problems: [fromService] });
    const orders = files.get('orders');
    if (orders) orders.doc = { ...orders.doc, nodes: [{ id: 'log', type: 'output.log', position: [0, 0], config: {} }] };
    await session.open('orders');
    expect(store.problemsOf('log')).toEqual([fromService]);
    store.rename('log', 'Log');
    expect(store.problemsOf('log')).toEqual([]);
  });

  it('reads the list again after a change that failed because the list was stale', async () => {
    const { session, files, write } = setup();
    await session.refresh();
    write(emptyFlow('taken', 'Taken'));
    expect(await session.create({ id: 'taken', name: 'Mine' })).toBe(false);
    expect(session.getState().status?.kind).toBe('error');
    expect(session.getState().flows.map((flow) => flow.id)).toContain('taken');
    expect(files.get('taken')?.doc.name).toBe('Taken');
  });

  it('saves with the revision it opened, and on a conflict keeps the edits when the user cancels', async () => {
    const { session, store, files, write, edit, asked } = setup({ conflict: 'cancel' });
    await session.open('orders');
    edit();
    expect(await session.save()).toBe(true);
    expect(store.getSnapshot().dirty).toBe(false);
    expect(session.getState().revision).toBe(files.get('orders')?.revision);

    write({ ...emptyFlow('orders', 'Changed elsewhere') });
    edit();
    expect(await session.save()).toBe(false);
    expect(asked).toEqual(['conflict: orders']);
    expect(store.getSnapshot().dirty).toBe(true);
    expect(session.getState().status?.kind).toBe('error');
    expect(files.get('orders')?.doc.name).toBe('Changed elsewhere');
  });

  it('overwrites the file on a conflict when the user chooses to', async () => {
    const { session, store, files, write, edit } = setup({ conflict: 'overwrite' });
    await session.open('orders');
    write(emptyFlow('orders', 'Changed elsewhere'));
    edit();
    expect(await session.save()).toBe(true);
    expect(files.get('orders')?.doc.nodes).toHaveLength(1);
    expect(store.getSnapshot().dirty).toBe(false);
  });

  it('reloads the file on a conflict when the user chooses to', async () => {
    const { session, store, write, edit } = setup({ conflict: 'reload', discard: false });
    await session.open('orders');
    write(emptyFlow('orders', 'Changed elsewhere'));
    edit();
    await session.save();
    expect(store.getSnapshot().doc.name).toBe('Changed elsewhere');
    expect(store.getSnapshot().dirty).toBe(false);
  });

  it('creates a flow and opens it, and lists it', async () => {
    const { session, store, hash } = setup();
    await session.refresh();
    expect(session.getState().flows.map((flow) => flow.id)).toEqual(['orders', 'invoices']);
    expect(await session.create({ id: 'fresh', name: 'Fresh flow' })).toBe(true);
    expect(store.getSnapshot().doc).toMatchObject({ id: 'fresh', name: 'Fresh flow' });
    expect(hash()).toBe('fresh');
    await session.refresh();
    expect(session.getState().flows.map((flow) => flow.id)).toContain('fresh');
  });

  it('renames the open flow and follows it to its new id', async () => {
    const { session, store, files, hash } = setup();
    await session.open('orders');
    expect(await session.rename('orders', { newId: 'sales', name: 'Sales' })).toBe(true);
    expect(files.has('orders')).toBe(false);
    expect(store.getSnapshot().doc).toMatchObject({ id: 'sales', name: 'Sales' });
    expect(session.getState().flowId).toBe('sales');
    expect(hash()).toBe('sales');
  });

  it('refuses to rename the open flow while it has unsaved changes', async () => {
    const { session, files, edit } = setup();
    await session.open('orders');
    edit();
    expect(await session.rename('orders', { name: 'Sales' })).toBe(false);
    expect(session.getState().status?.text).toMatch(/Save orders before renaming it/);
    expect(files.get('orders')?.doc.name).toBe('Orders');
  });

  it('duplicates a flow without opening it', async () => {
    const { session, store, files } = setup();
    await session.open('orders');
    await session.refresh();
    expect(await session.duplicate('invoices', { newId: 'invoices2', name: 'Invoices 2' })).toBe(true);
    expect(files.get('invoices2')?.doc.name).toBe('Invoices 2');
    expect(store.getSnapshot().doc.id).toBe('orders');
    expect(session.getState().flows.map((flow) => flow.id)).toContain('invoices2');
  });

  it('deletes only after confirmation, and leaves a new document when the open flow goes', async () => {
    const no = setup({ delete: false });
    await no.session.refresh();
    expect(await no.session.remove('invoices')).toBe(false);
    expect(no.files.has('invoices')).toBe(true);

    const yes = setup({ delete: true });
    await yes.session.open('orders');
    await yes.session.refresh();
    expect(await yes.session.remove('orders')).toBe(true);
    expect(yes.files.has('orders')).toBe(false);
    expect(yes.store.getSnapshot().doc.id).toBe('untitled');
    expect(yes.session.getState().flowId).toBeUndefined();
    expect(yes.hash()).toBeUndefined();
  });

  it('refreshes the list and says so when a flow changed on disk before a delete', async () => {
    const { session, files, write } = setup({ delete: true });
    await session.refresh();
    write(emptyFlow('invoices', 'Changed elsewhere'));
    expect(await session.remove('invoices')).toBe(false);
    expect(files.has('invoices')).toBe(true);
    expect(session.getState().status?.text).toMatch(/changed on disk/);
    expect(session.getState().flows.find((flow) => flow.id === 'invoices')?.revision).toBe(files.get('invoices')?.revision);
  });

  it('reads the flow id from the URL hash', () => {
    expect(flowIdFromHash('#/flows/orders')).toBe('orders');
    expect(flowIdFromHash('#/flows/../x')).toBeUndefined();
  });
});
