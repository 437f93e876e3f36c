// Operating a server (DESIGN.md §8, README "Operating a server") on the real stack in-process: the
// service's engine on the SQLite store wrapped by ServerMetrics, fastify on 127.0.0.1, live webhook
// flows. GET /metrics after webhooks were posted and processed: per-node counters, step histograms,
// queue gauges and webhook answers with the right labels and values; /api/health with live flows and
// with a store that does not answer; a webhook pipelined behind a request in flight when the server
// starts closing is answered 503.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { serializeFlow } from '../../../shared/flow/serialize.js';
import { createService, type Service } from '../../../main/api/index.js';
import { openSqliteStore } from '../../../main/engine/index.js';
import { createEventHub, createServer, openTokenStore, WebhookRoutes, type PipewrightServer } from '../../../main/server/index.js';
import { ServerMetrics } from '../../../main/server/metrics/server-metrics.js';

/** hook → shape (a mapping that refuses id "bad") → done. */
const orders: FlowDocument = {
  format: 'pipewright/flow@1', id: 'orders', name: 'Orders in',
  nodes: [
    { id: 'hook', type: 'trigger.webhook', position: [0, 0], config: {} },
    { id: 'shape', type: 'transform.map', position: [200, 0], config: { expression: 'id = "bad" ? $error("refused order") : { "order": id }' } },
    { id: 'done', type: 'output.log', position: [400, 0], config: {} },
  ],
  edges: [{ from: 'hook', to: 'shape' }, { from: 'shape', to: 'done' }],
};

/** hook → wait an hour → done: what it takes stays queued at `done`. */
const later: FlowDocument = {
  format: 'pipewright/flow@1', id: 'later', name: 'Later',
  nodes: [
    { id: 'hook', type: 'trigger.webhook', position: [0, 0], config: {} },
    { id: 'wait', type: 'control.delay', position: [200, 0], config: { ms: 3_600_000 } },
    { id: 'done', type: 'output.log', position: [400, 0], config: {} },
  ],
  edges: [{ from: 'hook', to: 'wait' }, { from: 'wait', to: 'done' }],
};

let dir: string;
let service: Service;
let server: PipewrightServer;
let token: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-operations-'));
  mkdirSync(join(dir, 'flows'));
  writeFileSync(join(dir, 'flows', 'orders.flow.json'), serializeFlow(orders));
  writeFileSync(join(dir, 'flows', 'later.flow.json'), serializeFlow(later));
  const webhooks = new WebhookRoutes();
  const events = createEventHub();
  const metrics = new ServerMetrics();
  service = createService({ workspace: dir, onEvent: events.publish, store: metrics.observe(await openSqliteStore(dir)), liveSources: { 'trigger.webhook': webhooks.source } });
  metrics.readLiveRunsFrom(async () => (await service['flows.live']({})).flatMap((flow) => (flow.live ? [{ flowId: flow.flowId, runId: flow.live.runId }] : [])));
  const tokens = openTokenStore(dir);
  token = tokens.createdToken as string;
  server = await createServer({ service, events, tokenStore: tokens.store, port: 0, webhooks, metrics, log: () => undefined });
  await service.startLiveFlows();
});

afterAll(async () => {
  await server.close();
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

async function post(path: string, body: string): Promise<number> {
  const response = await fetch(new URL(path, server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await response.arrayBuffer();
  return response.status;
}

async function get(path: string, withToken = true): Promise<{ status: number; text: string; type: string | null }> {
  const response = await fetch(new URL(path, server.url), { headers: withToken ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
}

/** Samples of the exposition text: `name{a="x",b="y"} value` → value by name and labels. */
function samples(text: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (match) found.set(`${match[1]}${match[2] ?? ''}`, Number(match[3]));
  }
  return found;
}

/** Waits (bounded) until the flow's live run has processed `steps` steps. */
async function processed(flowId: string, steps: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const run = (await service['runs.list']({ flowId, limit: 5 })).find((summary) => summary.kind === 'live');
    if ((run?.counts.processed ?? 0) >= steps) return;
    if (Date.now() > deadline) throw new Error(`flow ${flowId} processed ${run?.counts.processed ?? 0} of ${steps} steps within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('operating a server', () => {
  it('needs the API token for /metrics', async () => {
    expect((await get('metrics', false)).status).toBe(401);
  });

  it('counts messages in, out and failed per flow and node, step durations and webhook answers by status', async () => {
    for (const id of ['A-1', 'A-2', 'A-3', 'A-4', 'A-5', 'bad']) expect(await post('hooks/orders/hook', JSON.stringify({ id }))).toBe(202);
    expect(await post('hooks/orders/hook', '{"id": ')).toBe(400);
    expect(await post('hooks/orders/nope', '{}')).toBe(404);
    expect(await post('hooks/made-up/names', '{}')).toBe(404);
    // 6 at hook, 6 at shape (one failed for good), 5 at done.
    await processed('orders', 17);

    const scraped = await get('metrics');
    expect(scraped.status).toBe(200);
    expect(scraped.type).toMatch(/^text\/plain/);
    const values = samples(scraped.text);
    const at = (name: string, node: string): number | undefined => values.get(`${name}{flow="orders",node="${node}"}`);
    expect([at('pipewright_messages_in_total', 'hook'), at('pipewright_messages_out_total', 'hook'), at('pipewright_messages_failed_total', 'hook')]).toEqual([6, 6, 0]);
    expect([at('pipewright_messages_in_total', 'shape'), at('pipewright_messages_out_total', 'shape'), at('pipewright_messages_failed_total', 'shape')]).toEqual([6, 5, 1]);
    expect([at('pipewright_messages_in_total', 'done'), at('pipewright_messages_out_total', 'done'), at('pipewright_messages_failed_total', 'done')]).toEqual([5, 5, 0]);
    expect(at('pipewright_step_duration_seconds_count', 'shape')).toBe(6);
    expect(values.get('pipewright_step_duration_seconds_bucket{le="+Inf",flow="orders",node="done"}')).toBe(5);
    for (const node of ['hook', 'shape', 'done']) {
      expect(at('pipewright_queue_depth', node)).toBe(0);
      expect(at('pipewright_queue_oldest_age_seconds', node)).toBe(0);
    }
    expect(values.get('pipewright_webhook_requests_total{flow="orders",node="hook",status="202"}')).toBe(6);
    expect(values.get('pipewright_webhook_requests_total{flow="orders",node="hook",status="400"}')).toBe(1);
    // Names of no live trigger are not labels: a sender cannot grow the series without bound.
    expect(values.get('pipewright_webhook_requests_total{flow="",node="",status="404"}')).toBe(2);
    expect(scraped.text).not.toContain('made-up');
    expect(values.get('pipewright_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('shows what waits in a live flow\'s queue and for how long', async () => {
    for (const id of ['L-1', 'L-2', 'L-3']) expect(await post('hooks/later/hook', JSON.stringify({ id }))).toBe(202);
    await processed('later', 6); // hook and wait took each; the three now wait an hour at done.
    const values = samples((await get('metrics')).text);
    expect(values.get('pipewright_queue_depth{flow="later",node="done"}')).toBe(3);
    expect(values.get('pipewright_queue_depth{flow="later",node="hook"}')).toBe(0);
    expect(values.get('pipewright_queue_oldest_age_seconds{flow="later",node="done"}')).toBeGreaterThanOrEqual(0);
    expect(values.get('pipewright_messages_out_total{flow="later",node="wait"}')).toBe(3);
    expect(values.get('pipewright_messages_in_total{flow="later",node="done"}')).toBe(0);
  });

  it('says in /api/health that the store answers and which flows are live, without a token', async () => {
    const health = await get('api/health', false);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toEqual({
      status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/), store: 'ok',
      live: [{ flowId: 'later', version: 1, triggers: ['trigger.webhook'] }, { flowId: 'orders', version: 1, triggers: ['trigger.webhook'] }],
    });
  });

  it('answers 503 degraded with the store\'s error when the store does not answer', async () => {
    const broken = await createServer({
      service: { ...service, 'runs.list': () => Promise.reject(new Error('the state database is locked')) },
      events: createEventHub(), tokenStore: openTokenStore(dir).store, port: 0, log: () => undefined,
    });
    try {
      const response = await fetch(new URL('api/health', broken.url));
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: 'degraded', store: 'the state database is locked', live: expect.any(Array) });
    } finally {
      await broken.close();
    }
  });

  it('answers 503 to a webhook that reaches it while it closes, and still answers the one in flight', async () => {
    const socket = connect(server.port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const first = JSON.stringify({ id: 'in-flight' });
    const second = JSON.stringify({ id: 'too-late' });
    const request = (body: string): string => `POST /hooks/orders/hook HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`;
    // The first request's headers and half its body: it is in flight when close() begins.
    let arrived = false;
    server.app.server.once('request', () => (arrived = true));
    socket.write(request(first) + first.slice(0, 5));
    await until(() => arrived, 'the first request to arrive');
    const closing = server.close();
    await until(() => !server.app.server.listening, 'the server to stop listening');
    // The rest of the first body and, pipelined behind it, a second request.
    socket.write(first.slice(5) + request(second) + second);
    await Promise.race([ended, new Promise((_resolve, reject) => setTimeout(() => reject(new Error(`the server did not end the connection; got:\n${received}`)), 10_000))]);
    await closing;
    expect([...received.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1]))).toEqual([202, 503]);
  });
});

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
