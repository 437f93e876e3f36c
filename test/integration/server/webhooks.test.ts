// Webhooks on a real server stack (service, engine, SQLite, fastify on 127.0.0.1): a flow with a
// trigger.webhook goes live when the host starts its live flows, takes POST /hooks/<flow>/<node>
// durably (202 after commit), de-duplicates by Idempotency-Key, refuses what it cannot take without
// queueing anything, and follows a save of the flow file (redeploy without a restart).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { serializeFlow } from '../../../shared/flow/serialize.js';
import { createService, type Service } from '../../../main/api/index.js';
import { createEventHub, createServer, openTokenStore, WebhookRoutes, type PipewrightServer } from '../../../main/server/index.js';

const flow = (expression: string): FlowDocument => ({
  format: 'pipewright/flow@1', id: 'orders', name: 'Orders in',
  nodes: [
    { id: 'hook', type: 'trigger.webhook', position: [0, 0], config: { maxBodyBytes: 2048 } },
    { id: 'shape', type: 'transform.map', position: [200, 0], config: { expression } },
  ],
  edges: [{ from: 'hook', to: 'shape' }],
});

let dir: string;
let service: Service;
let server: PipewrightServer;
let token: string;
const liveLog: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-webhooks-'));
  mkdirSync(join(dir, 'flows'));
  writeFileSync(join(dir, 'flows', 'orders.flow.json'), serializeFlow(flow('{ "order": id, "v": 1 }')));
  const webhooks = new WebhookRoutes();
  const events = createEventHub();
  service = createService({ workspace: dir, onEvent: events.publish, liveSources: { 'trigger.webhook': webhooks.source }, onLiveLog: (line) => liveLog.push(line) });
  const tokens = openTokenStore(dir);
  token = tokens.createdToken as string;
  server = await createServer({ service, events, tokenStore: tokens.store, port: 0, webhooks, log: () => undefined });
  await service.startLiveFlows();
});

afterAll(async () => {
  await server.close();
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

async function post(path: string, body: string, headers: Record<string, string> = {}, method = 'POST'): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(new URL(path, server.url), { method, headers: { 'content-type': 'application/json', ...headers }, ...(method === 'GET' ? {} : { body }) });
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>), headers: response.headers };
}

/** The live run's outputs at `shape`, once `count` arrived. */
async function outputs(count: number): Promise<unknown[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const runs = await service['runs.list']({ flowId: 'orders', limit: 10 });
    const all: unknown[] = [];
    for (const run of runs.filter((r) => r.kind === 'live').reverse()) all.push(...((await service['runs.get']({ runId: run.runId })).outputs.shape ?? []));
    if (all.length >= count || Date.now() > deadline) return all;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('webhooks', () => {
  it('answers 202 with the message id once the message is queued, and the live flow processes it', async () => {
    expect(liveLog).toContain('flow "orders" version 1 is live');
    const sent = await post('hooks/orders/hook', JSON.stringify({ id: 'A-1' }));
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ messageId: expect.any(String), duplicate: false });
    expect(await outputs(1)).toEqual([{ order: 'A-1', v: 1 }]);
  });

  it('answers a re-sent Idempotency-Key with the first message id and queues nothing', async () => {
    const first = await post('hooks/orders/hook', JSON.stringify({ id: 'B-1' }), { 'idempotency-key': 'order-B-1' });
    const again = await post('hooks/orders/hook', JSON.stringify({ id: 'B-1' }), { 'idempotency-key': 'order-B-1' });
    expect(first.status).toBe(202);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ messageId: first.body.messageId, duplicate: true });
    expect((await outputs(2)).filter((o) => (o as { order: string }).order === 'B-1')).toHaveLength(1);
  });

  it('refuses what it cannot take, queueing nothing: 400, 404, 405, 413', async () => {
    const before = (await outputs(2)).length;
    const malformed = await post('hooks/orders/hook', '{"id": ');
    expect(malformed.status).toBe(400);
    expect((malformed.body.error as { message: string }).message).toMatch(/not JSON.*line 1/);
    expect((await post('hooks/orders/hook', '')).status).toBe(400);
    expect((await post('hooks/orders/nope', '{}')).status).toBe(404);
    expect((await post('hooks/other/hook', '{}')).status).toBe(404);
    const wrongMethod = await post('hooks/orders/hook', '', {}, 'GET');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const big = await post('hooks/orders/hook', JSON.stringify({ id: 'x'.repeat(4096) }));
    expect(big.status).toBe(413);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await outputs(before)).length).toBe(before);
  });

  it('needs no API token, while the API still does', async () => {
    expect((await post('hooks/orders/hook', JSON.stringify({ id: 'C-1' }))).status).toBe(202);
    expect((await post('api/rpc/flows.list', '{}')).status).toBe(401);
    expect((await post('api/rpc/flows.list', '{}', { authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it('goes live with the new version when the flow is saved, without a restart', async () => {
    const saved = await service['flows.save']({ document: flow('{ "order": id, "v": 2 }') });
    expect(saved.problems).toEqual([]);
    expect(liveLog.some((line) => /redeployed: version 2 is live, version 1 finished its messages/.test(line))).toBe(true);
    expect((await post('hooks/orders/hook', JSON.stringify({ id: 'D-1' }))).status).toBe(202);
    const all = await outputs(4);
    expect(all).toContainEqual({ order: 'D-1', v: 2 });
    expect(all.filter((o) => (o as { v: number }).v === 1)).toHaveLength(3);
    const runs = await service['runs.list']({ flowId: 'orders', limit: 10 });
    expect(runs.filter((run) => run.kind === 'live').map((run) => [run.flowVersion, run.status])).toEqual([[2, 'running'], [1, 'succeeded']]);
  });

  it('stops taking messages once the flow file is deleted', async () => {
    await service['flows.delete']({ id: 'orders' });
    expect((await post('hooks/orders/hook', JSON.stringify({ id: 'E-1' }))).status).toBe(404);
  });
});
