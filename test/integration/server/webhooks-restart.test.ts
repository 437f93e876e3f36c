// What a webhook answered 202 for is processed even when the server stops before the flow got to it:
// the next start finishes the live run the stopped server left, on the version it started with.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeFlow } from '../../../shared/flow/serialize.js';
import { createService, type Service } from '../../../main/api/index.js';
import { createEventHub, createServer, openTokenStore, WebhookRoutes, type PipewrightServer } from '../../../main/server/index.js';

const dir = mkdtempSync(join(tmpdir(), 'pipewright-webhook-restart-'));
mkdirSync(join(dir, 'flows'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function startServer(log: string[]): Promise<{ service: Service; server: PipewrightServer; stop(): Promise<void> }> {
  const webhooks = new WebhookRoutes();
  const events = createEventHub();
  const service = createService({ workspace: dir, onEvent: events.publish, liveSources: { 'trigger.webhook': webhooks.source }, onLiveLog: (line) => log.push(line) });
  const server = await createServer({ service, events, tokenStore: openTokenStore(dir).store, port: 0, webhooks, log: () => undefined });
  await service.startLiveFlows();
  return { service, server, stop: async () => { await server.close(); await service.close(); } };
}

describe('a server stopped with acknowledged webhooks still queued', () => {
  it('finishes them on the next start, on the version that took them', async () => {
    writeFileSync(join(dir, 'flows', 'slow.flow.json'), serializeFlow({
      format: 'pipewright/flow@1', id: 'slow', name: 'Slow',
      nodes: [
        { id: 'hook', type: 'trigger.webhook', position: [0, 0], config: {} },
        { id: 'wait', type: 'control.delay', position: [200, 0], config: { ms: 1500 } },
        { id: 'done', type: 'transform.map', position: [400, 0], config: { expression: 'n' } },
      ],
      edges: [{ from: 'hook', to: 'wait' }, { from: 'wait', to: 'done' }],
    }));
    const firstLog: string[] = [];
    const first = await startServer(firstLog);
    for (let n = 1; n <= 5; n++) {
      const answer = await fetch(new URL('hooks/slow/hook', first.server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n }) });
      expect(answer.status).toBe(202);
    }
    const [stopped] = (await first.service['runs.list']({ flowId: 'slow', limit: 5 })).filter((run) => run.kind === 'live');
    await first.stop();

    const secondLog: string[] = [];
    const second = await startServer(secondLog);
    try {
      const deadline = Date.now() + 15_000;
      let report = await second.service['runs.get']({ runId: stopped!.runId });
      while (report.status !== 'succeeded' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        report = await second.service['runs.get']({ runId: stopped!.runId });
      }
      expect(report.status).toBe('succeeded');
      expect(report.outputs.done).toEqual([1, 2, 3, 4, 5]);
      expect(secondLog.some((line) => line.includes(`the live run ${stopped!.runId} a stopped server left was finished`))).toBe(true);
    } finally {
      await second.stop();
    }
  });
});
