// bundles.import as `pipewright deploy` uses it, through the service with live webhook triggers: each
// flow's version in the answer (new, unchanged, updated), the flows live once the call answers, all or
// nothing when a write fails half-way (the earlier files get their old bytes back), and flows.live.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService, dispatch, type Service } from '../../../main/api/index.js';
import type { TriggerEmitter, TriggerSourceFactory } from '../../../main/engine/types.js';
import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../../../shared/bundle.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { serializeFlow } from '../../../shared/flow/serialize.js';

/** A webhook-typed source that only records that it runs: the HTTP route is not what this file tests. */
const running = new Map<string, TriggerEmitter>();
const recordingSource: TriggerSourceFactory = (node) => ({
  start: async (emitter) => {
    running.set(`${emitter.flowId}/${node.id}`, emitter);
  },
  stop: async () => undefined,
});

const hookFlow = (id: string, expression: string): FlowDocument => ({
  format: 'pipewright/flow@1', id, name: id,
  nodes: [
    { id: 'hook', type: 'trigger.webhook', position: [0, 0], config: {} },
    { id: 'shape', type: 'transform.map', position: [200, 0], config: { expression } },
  ],
  edges: [{ from: 'hook', to: 'shape' }],
});
const manualFlow: FlowDocument = {
  format: 'pipewright/flow@1', id: 'manual', name: 'manual',
  nodes: [{ id: 'in', type: 'trigger.manual', position: [0, 0], config: {} }, { id: 'log', type: 'output.log', position: [200, 0], config: {} }],
  edges: [{ from: 'in', to: 'log' }],
};
const bundleOf = (...flows: unknown[]): unknown => ({
  format: BUNDLE_FORMAT, version: BUNDLE_VERSION, exportedAt: '2026-01-01T00:00:00.000Z', pipewrightVersion: '0.1.0', flows, credentials: [],
});

let dir: string;
let service: Service;
const flowFile = (id: string): string => join(dir, 'flows', `${id}.flow.json`);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-bundle-deploy-'));
  mkdirSync(join(dir, 'flows'));
  service = createService({ workspace: dir, liveSources: { 'trigger.webhook': recordingSource } });
  await service.startLiveFlows();
});
afterAll(async () => {
  await service?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('bundles.import for deploy', () => {
  it('answers each flow\'s version and has the webhook flow live when it answers', async () => {
    const first = await dispatch(service, 'bundles.import', { bundle: bundleOf(hookFlow('orders', '{ "v": 1 }'), manualFlow), overwrite: true });
    expect(first).toMatchObject({ flows: ['orders', 'manual'], versions: [{ id: 'orders', version: 1, change: 'new' }, { id: 'manual', version: 1, change: 'new' }] });
    expect(running.has('orders/hook')).toBe(true);

    const same = await service['bundles.import']({ bundle: bundleOf(hookFlow('orders', '{ "v": 1 }')), overwrite: true });
    expect(same.versions).toEqual([{ id: 'orders', version: 1, change: 'unchanged' }]);
    const changed = await service['bundles.import']({ bundle: bundleOf(hookFlow('orders', '{ "v": 2 }')), overwrite: true });
    expect(changed.versions).toEqual([{ id: 'orders', version: 2, change: 'updated' }]);

    const live = await service['flows.live']({});
    expect(live).toEqual([
      { flowId: 'manual', version: 1, triggers: ['trigger.manual'] },
      { flowId: 'orders', version: 2, triggers: ['trigger.webhook'], live: { version: 2, runId: expect.any(String) } },
    ]);
  });

  it('writes all flows or none: a write that fails puts back the files written before it', async () => {
    const before = readFileSync(flowFile('orders'), 'utf8');
    // "<id>.flow.json" fits the file system's 255-byte names, the temporary file beside it does not:
    // the check passes, the write fails, after orders was already written.
    const longId = `L${'o'.repeat(244)}`;
    const bundle = bundleOf(hookFlow('orders', '{ "v": 3 }'), hookFlow('fresh', '{ "v": 1 }'), hookFlow(longId, '{ "v": 1 }'));
    await expect(service['bundles.import']({ bundle, overwrite: true })).rejects.toThrow();
    expect(readFileSync(flowFile('orders'), 'utf8')).toBe(before);
    expect(existsSync(flowFile('fresh'))).toBe(false);
    expect((await service['flows.live']({})).find((state) => state.flowId === 'orders')).toMatchObject({ version: 2, live: { version: 2 } });
  });

  it('refuses a bundle with an invalid flow whole, listing every problem, and changes nothing', async () => {
    const before = readFileSync(flowFile('orders'), 'utf8');
    const broken = { ...hookFlow('broken', '{ "a": '), nodes: [...hookFlow('broken', '{ "a": ').nodes, { id: 'x', type: 'no.such.kind', position: [0, 0], config: {} }] };
    const call = service['bundles.import']({ bundle: bundleOf(hookFlow('orders', '{ "v": 9 }'), broken), overwrite: true });
    await expect(call).rejects.toMatchObject({
      code: 'BUNDLE_INVALID',
      problems: [expect.objectContaining({ path: 'flows[1].nodes[1].config.expression' }), expect.objectContaining({ path: 'flows[1].nodes[2].type' })],
    });
    expect(readFileSync(flowFile('orders'), 'utf8')).toBe(before);
    expect(existsSync(flowFile('broken'))).toBe(false);
  });

  it('leaves invalid files out of flows.live', async () => {
    writeFileSync(flowFile('junk'), '{ "not": "a flow" }\n');
    expect((await service['flows.live']({})).map((state) => state.flowId)).toEqual(['manual', 'orders']);
    expect(serializeFlow(manualFlow)).toBe(readFileSync(flowFile('manual'), 'utf8'));
  });
});
