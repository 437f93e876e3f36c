// Back pressure: a node is not scheduled while a node it feeds holds its queue bound, so a slow or
// bounded step (here an HTTP call) keeps its upstream waiting instead of piling messages up in front
// of it. Pure nodes (map, filter, …) run fused with their upstream and never queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeHttpAgent } from '../../../../main/http/index.js';
import { startFlakyServer, type FlakyServer } from '../../../fixtures/engine/flaky-server.js';
import type { StoreHarness } from '../../../fixtures/engine/stores.js';
import { chain, TempWorkspace } from '../../../fixtures/engine/workspace.js';

export function backPressureSuite(harness: StoreHarness): void {
  const ws = new TempWorkspace(harness);
  let server: FlakyServer;
  beforeAll(async () => {
    server = await startFlakyServer();
  });
  afterAll(async () => {
    await ws.remove();
    await closeHttpAgent();
    await server.close();
  });

  describe('back pressure', () => {
    it('keeps upstream waiting while a downstream queue is full', async () => {
      const engine = await ws.open({ batchSize: 100 });
      const flow = chain('bounded', [
        ['in', 'trigger.manual'],
        ['a', 'transform.map', { expression: '{ "id": n }' }],
        ['b', 'http.request', { method: 'POST', url: `${server.url}/b`, concurrency: 4 }, { queueLimit: 20 }],
        ['c', 'transform.map', { expression: '{ "n": id }' }],
      ]);
      const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: Array.from({ length: 600 }, (_, n) => ({ n })) }] });
      const store = await ws.store();
      const samples: Array<Promise<void>> = [];
      let deepest = 0;
      const report = await engine.drive(runId, {
        onProgress: () => {
          samples.push(store.queue.depthByNode(runId).then((depths) => {
            deepest = Math.max(deepest, depths.get('b') ?? 0);
          }));
        },
      });
      await Promise.all(samples);
      expect(report.status).toBe('succeeded');
      expect(report.outputs.c).toHaveLength(600);
      expect(deepest).toBeGreaterThan(0);
      expect(deepest).toBeLessThanOrEqual(20);
    });

    it('reads a JSON-lines input only as fast as the trigger queue drains', async () => {
      const { writeFileSync } = await import('node:fs');
      const engine = await ws.open({ batchSize: 50, queueLimit: 200 });
      const file = ws.path('bounded.jsonl');
      writeFileSync(file, Array.from({ length: 3000 }, (_, n) => JSON.stringify({ n })).join('\n'));
      const flow = chain('bounded-file', [['in', 'trigger.manual'], ['m', 'transform.map', { expression: 'n' }]]);
      const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'in', jsonlFile: file }] });
      const store = await ws.store();
      const samples: Array<Promise<void>> = [];
      let most = 0;
      const report = await engine.drive(runId, {
        onProgress: () => {
          samples.push(store.queue.countInRun(runId).then((queued) => {
            most = Math.max(most, queued);
          }));
        },
      });
      await Promise.all(samples);
      expect(report.outputs.m).toHaveLength(3000);
      expect(most).toBeLessThanOrEqual(400);
    });
  });
}
