// Pausing a live flow on a server (flows.pause / flows.resume) with the real service, engine, SQLite,
// HTTP server and trigger sources: a paused webhook answers 503 with Retry-After and queues nothing
// while the messages it already took finish; a paused schedule does not fire and, resumed, follows its
// catchUp (latest: the newest missed instant fires once); a paused folder keeps its files until resumed;
// the pause survives a restart and shows in flows.live; refusals name what to do.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { serializeFlow } from '../../../shared/flow/serialize.js';
import { isPipewrightError } from '../../../shared/errors.js';
import { createService, type Service } from '../../../main/api/index.js';
import { createEventHub, createServer, openTokenStore, WebhookRoutes, type PipewrightServer } from '../../../main/server/index.js';
import { fileSourceFactory } from '../../../main/triggers/file-source.js';
import { scheduleSourceFactory } from '../../../main/triggers/schedule-source.js';

const dir = mkdtempSync(join(tmpdir(), 'pipewright-pause-'));
mkdirSync(join(dir, 'flows'));
let host: Host | undefined;
afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const flow = (id: string, trigger: FlowDocument['nodes'][number], steps: FlowDocument['nodes'] = []): FlowDocument => {
  const nodes = [trigger, ...steps, { id: 'out', type: 'transform.map', position: [400, 0] as [number, number], config: { expression: '$' } }];
  return { format: 'pipewright/flow@1', id, name: id, nodes, edges: nodes.slice(1).map((node, index) => ({ from: nodes[index]!.id, to: node.id })) };
};
const flows = [
  flow('orders', { id: 'hook', type: 'trigger.webhook', position: [0, 0], config: {} }, [{ id: 'wait', type: 'control.delay', position: [200, 0], config: { ms: 800 } }]),
  flow('ticks', { id: 'tick', type: 'trigger.schedule', position: [0, 0], config: { cron: '* * * * * *' } }),
  flow('drops', { id: 'files', type: 'trigger.file', position: [0, 0], config: { dir: 'inbox', pattern: '*.json', settleMs: 100 } }),
  flow('by-hand', { id: 'start', type: 'trigger.manual', position: [0, 0], config: {} }),
];
for (const each of flows) writeFileSync(join(dir, 'flows', `${each.id}.flow.json`), serializeFlow(each));

interface Host {
  service: Service;
  server: PipewrightServer;
  log: string[];
  stop(): Promise<void>;
}

async function startHost(): Promise<Host> {
  const log: string[] = [];
  const webhooks = new WebhookRoutes();
  const events = createEventHub();
  const service = createService({
    workspace: dir, onEvent: events.publish, onLiveLog: (line) => log.push(line),
    liveSources: {
      'trigger.webhook': webhooks.source,
      'trigger.schedule': scheduleSourceFactory({ log: (line) => log.push(line) }),
      'trigger.file': fileSourceFactory({ roots: [dir], log: (line) => log.push(line), pollMs: 100 }),
    },
  });
  const server = await createServer({ service, events, tokenStore: openTokenStore(dir).store, port: 0, webhooks, log: () => undefined });
  await service.startLiveFlows();
  return { service, server, log, stop: async () => { await server.close(); await service.close(); } };
}

async function post(body: unknown): Promise<{ status: number; retryAfter: string | null; body: { messageId?: string; error?: { code: string; message: string } } }> {
  const response = await fetch(new URL('hooks/orders/hook', host!.server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as never };
}

/** Waits (bounded) until `check` answers true. */
async function until(check: () => Promise<boolean> | boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}; log:\n${host?.log.join('\n') ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Everything that reached `out` in a flow's live runs, oldest run first. */
async function outputs(flowId: string): Promise<unknown[]> {
  const runs = (await host!.service['runs.list']({ flowId, limit: 50 })).filter((run) => run.kind === 'live').reverse();
  const all: unknown[] = [];
  for (const run of runs) all.push(...((await host!.service['runs.get']({ runId: run.runId })).outputs.out ?? []));
  return all;
}

async function liveRunsEnded(flowId: string): Promise<boolean> {
  return (await host!.service['runs.list']({ flowId, limit: 50 })).every((run) => run.status !== 'running');
}

async function stateOf(flowId: string): Promise<unknown> {
  return (await host!.service['flows.live']({})).find((state) => state.flowId === flowId);
}

describe('pausing a live flow', () => {
  it('answers its webhook with 503 and Retry-After while the messages it already took finish', async () => {
    host = await startHost();
    for (let n = 1; n <= 3; n++) expect((await post({ n })).status).toBe(202);
    const paused = await host.service['flows.pause']({ flowId: 'orders' });
    expect(paused).toMatchObject({ flowId: 'orders', version: 1, paused: { since: expect.stringMatching(/^\d{4}-.*Z$/) } });
    expect(paused.live).toBeUndefined();

    const refused = await post({ n: 4 });
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toBe('60');
    expect(refused.body.error).toMatchObject({ code: 'PAUSED', message: expect.stringContaining('flow "orders" is paused') });
    // Another node of the paused flow is no webhook of it: still 404.
    expect((await fetch(new URL('hooks/orders/wait', host.server.url), { method: 'POST', body: '{}' })).status).toBe(404);

    // Pausing stops intake, not in-flight work: the three taken before finish.
    await until(() => liveRunsEnded('orders'), 'the paused flow\'s live run finished its messages');
    expect(await outputs('orders')).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(host.log.some((line) => line.startsWith('flow "orders" paused: it takes nothing in until resumed'))).toBe(true);
    // Pausing again keeps the first time.
    expect((await host.service['flows.pause']({ flowId: 'orders' })).paused).toEqual(paused.paused);
  });

  it('does not fire a paused schedule, and on resume fires only the newest missed instant (catchUp latest)', async () => {
    await until(async () => (await outputs('ticks')).length >= 1, 'the schedule fired once');
    await host!.service['flows.pause']({ flowId: 'ticks' });
    await until(() => liveRunsEnded('ticks'), 'the paused schedule\'s live run ended');
    const before = (await outputs('ticks')) as Array<{ firedAt: string }>;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await outputs('ticks')).toHaveLength(before.length);

    const resumed = await host!.service['flows.resume']({ flowId: 'ticks' });
    expect(resumed.paused).toBeUndefined();
    expect(resumed.live).toBeDefined();
    const resumedAt = Date.now();
    await until(async () => (await outputs('ticks')).length >= before.length + 1, 'the resumed schedule fired');
    const after = ((await outputs('ticks')) as Array<{ firedAt: string }>).slice(before.length).map((tick) => Date.parse(tick.firedAt));
    const lastBefore = Date.parse(before.at(-1)!.firedAt);
    // About two instants were missed while paused: one of them (the newest) fires, the others are skipped.
    const missed = after.filter((at) => at <= resumedAt - 1000);
    expect(missed.length).toBeLessThanOrEqual(1);
    expect(after[0]! - lastBefore).toBeGreaterThanOrEqual(2000);
    expect(new Set(after).size).toBe(after.length);
  });

  it('leaves files in a paused flow\'s folder until it is resumed', async () => {
    await until(async () => (await stateOf('drops')) !== undefined && existsSync(join(dir, 'inbox')), 'the folder is watched');
    await host!.service['flows.pause']({ flowId: 'drops' });
    writeFileSync(join(dir, 'inbox', 'a.json'), JSON.stringify({ order: 'A' }));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(readdirSync(join(dir, 'inbox'))).toContain('a.json');
    expect(await outputs('drops')).toEqual([]);

    await host!.service['flows.resume']({ flowId: 'drops' });
    await until(async () => (await outputs('drops')).length === 1, 'the resumed folder watch took the file');
    expect(await outputs('drops')).toEqual([{ order: 'A' }]);
    expect(readdirSync(join(dir, 'inbox'))).not.toContain('a.json');
  });

  it('stays paused across a restart, and takes webhooks again once resumed', async () => {
    const since = ((await stateOf('orders')) as { paused: { since: string } }).paused.since;
    await host!.stop();
    expect(JSON.parse(readFileSync(join(dir, '.pipewright', 'paused-flows.json'), 'utf8'))).toEqual({ format: 'pipewright/paused-flows@1', paused: { orders: since } });
    host = await startHost();
    expect(await stateOf('orders')).toEqual({ flowId: 'orders', version: 1, triggers: ['trigger.webhook'], paused: { since } });
    expect(host.log).toContain(`flow "orders" is paused (since ${since}): its triggers stay stopped until it is resumed`);
    expect((await post({ n: 5 })).status).toBe(503);

    const resumed = await host.service['flows.resume']({ flowId: 'orders' });
    expect(resumed).toMatchObject({ flowId: 'orders', live: { version: 1 } });
    expect(resumed.paused).toBeUndefined();
    expect((await post({ n: 6 })).status).toBe(202);
    await until(async () => (await outputs('orders')).length === 4, 'the message after the resume went through');
    expect(await outputs('orders')).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 6 }]);
    // Resuming a flow that runs changes nothing.
    expect((await host.service['flows.resume']({ flowId: 'orders' })).live).toEqual(resumed.live);
  });

  it('refuses to pause an unknown flow, or one without a trigger the server runs, saying why', async () => {
    const refusal = async (call: Promise<unknown>): Promise<{ code: string; message: string }> => {
      try {
        await call;
      } catch (error) {
        if (isPipewrightError(error)) return { code: error.code, message: error.message };
        throw error;
      }
      throw new Error('expected a refusal');
    };
    expect(await refusal(host!.service['flows.pause']({ flowId: 'nope' }))).toMatchObject({ code: 'FLOW_NOT_FOUND' });
    expect(await refusal(host!.service['flows.resume']({ flowId: 'nope' }))).toMatchObject({ code: 'FLOW_NOT_FOUND' });
    expect(await refusal(host!.service['flows.pause']({ flowId: 'by-hand' }))).toMatchObject({ code: 'FLOW_NOT_LIVE', message: expect.stringContaining('there is nothing to pause') });
    const desktop = createService({ workspace: dir });
    try {
      expect(await refusal(desktop['flows.pause']({ flowId: 'orders' }))).toMatchObject({ code: 'LIVE_FLOWS_UNAVAILABLE' });
    } finally {
      await desktop.close();
    }
  });
});
