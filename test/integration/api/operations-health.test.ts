// runs.health through the service: a live webhook flow's live run with its counters and queue depth per
// node, as the Flows overview samples it; counters grow as messages are emitted and processed, and a
// message failing for good counts as dead.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService, type Service } from '../../../main/api/index.js';
import type { TriggerEmitter, TriggerSourceFactory } from '../../../main/engine/types.js';
import { foldHealth } from '../../../renderer/src/operations/health-samples.js';

let dir = '';
let service: Service;
const emitters = new Map<string, TriggerEmitter>();
/** A webhook-typed source that hands its emitter to the test: the HTTP route is not what this file tests. */
const capturingSource: TriggerSourceFactory = (node) => ({
  start: async (emitter) => {
    emitters.set(`${emitter.flowId}/${node.id}`, emitter);
  },
  stop: async () => undefined,
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-ops-health-'));
  mkdirSync(join(dir, 'flows'));
  service = createService({ workspace: dir, liveSources: { 'trigger.webhook': capturingSource } });
  await service.startLiveFlows();
});

afterAll(async () => {
  await service?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('runs.health', () => {
  it('answers no flow while nothing is live', async () => {
    expect((await service['runs.health']({})).flows).toEqual([]);
  });

  it('counts a live flow\'s messages, dead ones and its queue per node', async () => {
    await service['flows.save']({
      document: {
        format: 'pipewright/flow@1', id: 'hooks', name: 'hooks',
        nodes: [
          { id: 'hook', type: 'trigger.webhook', position: [0, 0], config: {} },
          { id: 'check', type: 'transform.map', position: [200, 0], config: { expression: 'ok ? { "n": n } : $error("not ok")' } },
        ],
        edges: [{ from: 'hook', to: 'check' }],
      },
    });
    const emitter = emitters.get('hooks/hook');
    if (!emitter) throw new Error('the webhook flow did not go live');
    await emitter.emit([{ ok: true, n: 1 }, { ok: true, n: 2 }, { ok: false, n: 3 }]);
    let health = await service['runs.health']({});
    for (let i = 0; i < 100 && (health.flows[0]?.processed ?? 0) < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      health = await service['runs.health']({});
    }
    expect(health.flows).toHaveLength(1);
    expect(health.flows[0]).toMatchObject({ flowId: 'hooks', flowVersion: 1, received: 3, dead: 1, queueDepth: {} });
    expect(health.flows[0]?.processed).toBeGreaterThanOrEqual(3);
    expect(Date.parse(health.at)).not.toBeNaN();
  });

  it('folds two answers into the Flows overview\'s rates: messages per minute and the share that died', async () => {
    const first = await service['runs.health']({});
    const baseline = foldHealth(new Map(), first);
    expect(baseline.get('hooks')?.times).toEqual([]); // one answer gives no rate yet
    await emitters.get('hooks/hook')?.emit([{ ok: true, n: 4 }, { ok: false, n: 5 }]);
    let second = await service['runs.health']({});
    for (let i = 0; i < 100 && (second.flows[0]?.dead ?? 0) < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      second = await service['runs.health']({});
    }
    // The answers' own clocks: at least a millisecond apart, however fast this machine is.
    const later = { ...second, at: new Date(Math.max(Date.parse(second.at), Date.parse(first.at) + 1)).toISOString() };
    const series = foldHealth(baseline, later).get('hooks');
    const processed = (second.flows[0]?.processed ?? 0) - (first.flows[0]?.processed ?? 0);
    expect(processed).toBeGreaterThanOrEqual(2);
    expect(series?.perMinute).toEqual([(processed * 60_000) / (Date.parse(later.at) - Date.parse(first.at))]);
    expect(series?.errorRate).toEqual([(1 / processed) * 100]);
    expect(series?.queueDepth).toEqual([0]);
  });
});
