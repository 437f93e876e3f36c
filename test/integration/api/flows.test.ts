// flows.* against a real workspace folder: files in the CLI's deterministic format, revisions that
// catch edits made elsewhere, ids that cannot escape the flows folder.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api/index.js';
import { checkFlowFile } from '../../../main/workspace/flow-file.js';
import { serializeFlow } from '../../../shared/flow/serialize.js';
import { ApiWorkspace, EXAMPLES } from './api-workspace.js';

let ws: ApiWorkspace;
beforeEach(() => {
  ws = new ApiWorkspace();
});
afterEach(async () => {
  await ws.remove();
});

describe('flows', () => {
  it('opens and saves the example flows without changing a byte', async () => {
    for (const name of readdirSync(EXAMPLES).filter((file) => file.endsWith('.flow.json'))) {
      const id = name.slice(0, -'.flow.json'.length);
      const original = ws.addExample(id);
      const opened = await ws.service['flows.get']({ id });
      expect(opened.problems).toEqual([]);
      expect(opened.text).toBe(original);
      const saved = await ws.service['flows.save']({ document: opened.document!, expectedRevision: opened.revision });
      expect(saved.text).toBe(original);
      expect(saved.revision).toBe(opened.revision);
      expect(readFileSync(ws.flowPath(id), 'utf8')).toBe(original);
    }
  });

  it('creates, renames, duplicates and deletes flow files the CLI can read', async () => {
    const created = await ws.service['flows.create']({ id: 'orders', name: 'Orders' });
    expect(created.file).toBe('flows/orders.flow.json');
    expect(readFileSync(ws.flowPath('orders'), 'utf8')).toBe(serializeFlow(created.document));

    const document = { ...created.document, nodes: [{ id: 'in', type: 'trigger.manual', position: [0, 0] as [number, number], config: {} }] };
    const saved = await ws.service['flows.save']({ document, expectedRevision: created.revision });
    expect(checkFlowFile({ path: ws.flowPath('orders'), label: 'orders.flow.json' }).flow).toEqual(saved.document);

    const renamed = await ws.service['flows.rename']({ id: 'orders', newId: 'orders-v2', name: 'Orders v2', expectedRevision: saved.revision });
    expect(renamed.document).toMatchObject({ id: 'orders-v2', name: 'Orders v2' });
    expect(existsSync(ws.flowPath('orders'))).toBe(false);

    const copy = await ws.service['flows.duplicate']({ id: 'orders-v2', newId: 'orders-copy' });
    expect(copy.document.name).toBe('Orders v2 (copy)');
    expect(checkFlowFile({ path: ws.flowPath('orders-copy'), label: 'orders-copy.flow.json' }).problems).toEqual([]);

    const list = await ws.service['flows.list']({});
    expect(list.map((item) => [item.id, item.name, item.nodeCount, item.problemCount])).toEqual([
      ['orders-copy', 'Orders v2 (copy)', 1, 0],
      ['orders-v2', 'Orders v2', 1, 0],
    ]);

    await ws.service['flows.delete']({ id: 'orders-copy', expectedRevision: copy.revision });
    expect((await ws.service['flows.list']({})).map((item) => item.id)).toEqual(['orders-v2']);
    await expect(ws.service['flows.get']({ id: 'orders-copy' })).rejects.toMatchObject({ code: 'FLOW_NOT_FOUND' });
  });

  it('refuses to overwrite a flow that changed on disk since it was opened', async () => {
    const opened = await ws.service['flows.create']({ id: 'orders', name: 'Orders' });
    writeFileSync(ws.flowPath('orders'), readFileSync(ws.flowPath('orders'), 'utf8').replace('"Orders"', '"Edited elsewhere"'));
    const save = ws.service['flows.save']({ document: { ...opened.document, name: 'Mine' }, expectedRevision: opened.revision });
    await expect(save).rejects.toMatchObject({ code: 'CONFLICT', location: { file: 'flows/orders.flow.json' } });
    expect(readFileSync(ws.flowPath('orders'), 'utf8')).toContain('Edited elsewhere');
    await expect(ws.service['flows.create']({ id: 'orders', name: 'Again' })).rejects.toMatchObject({ code: 'FLOW_EXISTS' });
    await expect(ws.service['flows.save']({ document: opened.document, expectedRevision: null })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('saves work in progress and lists what is still wrong with it', async () => {
    const { document } = await ws.service['flows.create']({ id: 'draft', name: 'Draft' });
    document.nodes.push({ id: 'map', type: 'transform.map', position: [0, 0], config: { expression: '{ "a": ' } });
    document.edges.push({ from: 'map', to: 'nowhere' });
    const saved = await ws.service['flows.save']({ document });
    expect(saved.problems.map((problem) => problem.path)).toEqual(expect.arrayContaining(['nodes[0].config.expression', 'edges[0].to']));
    expect(saved.problems.find((problem) => problem.path === 'nodes[0].config.expression')?.range).toEqual({ start: 7, end: 7 });
    expect((await ws.service['flows.get']({ id: 'draft' })).problems).toEqual(saved.problems);
  });

  it('refuses a document whose structure cannot be written, naming each path', async () => {
    const save = dispatch(ws.service, 'flows.save', { document: { format: 'pipewright/flow@1', id: '../../etc/passwd', name: 'x', nodes: [], edges: [] } });
    await expect(save).rejects.toMatchObject({ code: 'FLOW_INVALID', problems: [expect.objectContaining({ path: 'id' })] });
    await expect(dispatch(ws.service, 'flows.save', { document: 'not a flow' })).rejects.toMatchObject({ code: 'INVALID_PARAMS', problems: [expect.objectContaining({ path: 'document' })] });
    expect(readdirSync(`${ws.dir}/flows`)).toEqual([]);
  });

  it('validates an unsaved document without touching the disk', async () => {
    const result = await ws.service['flows.validate']({ document: { format: 'pipewright/flow@1', id: 'x', name: 'x', nodes: [{ id: 'a', type: 'no.such', position: [0, 0], config: {} }], edges: [] } });
    expect(result.valid).toBe(false);
    expect(result.problems[0]).toMatchObject({ path: 'nodes[0].type' });
    expect(readdirSync(`${ws.dir}/flows`)).toEqual([]);
  });

  it('lists a flow again with what changed in its file since the last list', async () => {
    const created = await ws.service['flows.create']({ id: 'orders', name: 'Orders' });
    expect(await ws.service['flows.list']({})).toEqual([expect.objectContaining({ name: 'Orders', problemCount: 0, revision: created.revision })]);
    const edited = { ...created.document, name: 'Edited', nodes: [{ id: 'map', type: 'transform.map', position: [0, 0] as [number, number], config: { expression: '{ "a": ' } }] };
    writeFileSync(ws.flowPath('orders'), serializeFlow(edited));
    const [item] = await ws.service['flows.list']({});
    const opened = await ws.service['flows.get']({ id: 'orders' });
    expect(item).toMatchObject({ name: 'Edited', nodeCount: 1, problemCount: opened.problems.length, revision: opened.revision });
    expect(item?.problemCount).toBeGreaterThan(0);
  });

  it('lists a broken file instead of hiding it', async () => {
    writeFileSync(ws.flowPath('broken'), '{ "format": ');
    const [item] = await ws.service['flows.list']({});
    expect(item).toMatchObject({ id: 'broken', name: 'broken', problemCount: 1 });
    const opened = await ws.service['flows.get']({ id: 'broken' });
    expect(opened.document).toBeUndefined();
    expect(opened.problems[0]).toMatchObject({ code: 'JSON_SYNTAX', file: 'flows/broken.flow.json', line: 1 });
  });
});
