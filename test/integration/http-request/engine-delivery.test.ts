// http.request inside the real engine (SQLite state on a temp workspace) against the fault server:
// every message is either delivered or dead-lettered with its reason and attempt history, retries of
// one message reuse its Idempotency-Key, Retry-After is honoured and slow responses are retried.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { openEngine } from '../../../main/engine/index.js';
import { closeHttpAgent } from '../../../main/http/index.js';
import type { Engine, RunReport } from '../../../main/engine/types.js';
import { startFaultServer, type FaultServer, type RecordedRequest, type Scenario } from '../../fixtures/http/fault-server.js';

const MAX_ATTEMPTS = 4;
/**
 * Far from both an instant answer and the slow scenario's delay: with 500 ms, a full suite on two busy
 * cores (load 9) had instant answers time out, which turned 5XX dead letters into timeouts and added attempts.
 */
const TIMEOUT_MS = 2_500;

/** Scenario → how many messages use it, the server's script, and the outcome we expect. */
const MIX: Record<string, { count: number; script: Scenario; attempts: number; dead?: string }> = {
  ok: { count: 16, script: {}, attempts: 1 },
  flaky: { count: 6, script: { steps: [{ status: 500 }, { status: 502 }] }, attempts: 3 },
  limited: { count: 4, script: { steps: [{ status: 429, retryAfter: 1 }] }, attempts: 2 },
  slow: { count: 4, script: { steps: [{ delayMs: 10_000 }] }, attempts: 2 },
  dropped: { count: 4, script: { steps: [{ drop: true }] }, attempts: 2 },
  broken: { count: 3, script: { then: { status: 500, body: { error: 'ledger offline' } } }, attempts: MAX_ATTEMPTS, dead: 'HTTP_5XX' },
  missing: { count: 3, script: { then: { status: 404, body: { error: 'unknown customer' } } }, attempts: 1, dead: 'HTTP_4XX' },
};

function orders(): Array<{ id: string; kind: string }> {
  const list: Array<{ id: string; kind: string }> = [];
  for (const [kind, { count }] of Object.entries(MIX)) for (let i = 0; i < count; i += 1) list.push({ id: `${kind}-${i}`, kind });
  // Interleave the kinds so faults and successes share batches.
  return list.sort((a, b) => Number(a.id.split('-')[1]) - Number(b.id.split('-')[1]) || a.kind.localeCompare(b.kind));
}

function flowFor(serverUrl: string): FlowDocument {
  return {
    format: 'pipewright/flow@1', id: 'orders-to-api', name: 'Orders to API',
    nodes: [
      { id: 'orders', type: 'trigger.manual', position: [0, 0], config: {} },
      { id: 'prepare', type: 'transform.map', position: [200, 0], config: { expression: '{ "orderNo": id, "scenario": kind }' } },
      {
        id: 'send', type: 'http.request', position: [400, 0],
        config: { method: 'POST', url: `${serverUrl}/orders/{{ orderNo }}`, timeoutMs: TIMEOUT_MS, concurrency: 8 },
        retry: { maxAttempts: MAX_ATTEMPTS, backoffMs: 20, maxBackoffMs: 50 },
      },
      { id: 'done', type: 'output.log', position: [600, 0], config: { expression: 'received.orderNo' } },
    ],
    edges: [{ from: 'orders', to: 'prepare' }, { from: 'prepare', to: 'send' }, { from: 'send', to: 'done' }],
  };
}

let server: FaultServer;
let engine: Engine;
let workspace: string;
let flow: FlowDocument;
let report: RunReport;
const sent = orders();

const orderNoOf = (r: RecordedRequest): string => (r.body as { orderNo: string }).orderNo;
const kindOf = (orderNo: string): string => orderNo.split('-')[0]!;

beforeAll(async () => {
  server = await startFaultServer({ scenarios: Object.fromEntries(Object.entries(MIX).map(([kind, m]) => [kind, m.script])) });
  workspace = mkdtempSync(join(tmpdir(), 'pipewright-http-'));
  engine = openEngine({ workspace });
  flow = flowFor(server.url);
  const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'orders', messages: sent }] });
  report = await engine.drive(runId);
});

afterAll(async () => {
  engine?.close();
  await closeHttpAgent();
  await server?.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe('http.request in the engine', () => {
  it('delivers every message or dead-letters it with its reason', async () => {
    const expectDelivered = sent.filter((o) => !MIX[o.kind]!.dead).map((o) => o.id).sort();
    const expectDead = sent.filter((o) => MIX[o.kind]!.dead).map((o) => o.id).sort();

    const delivered = (report.outputs.done ?? []).map((p) => (p as { ok: boolean; received: { orderNo: string } }).received.orderNo);
    expect([...delivered].sort()).toEqual(expectDelivered);
    const seenOk = new Set(server.requests.filter((r) => r.answer === 'status 200').map(orderNoOf));
    for (const id of expectDelivered) expect(seenOk.has(id), `${id} reached the server`).toBe(true);

    expect(report.dead).toHaveLength(expectDead.length);
    const deadIds = (await Promise.all(report.dead.map(async (d) => ((await engine.deadLetter(d.id)).payload as { orderNo: string }).orderNo))).sort();
    expect(deadIds).toEqual(expectDead);
    expect(report.counts.dead).toBe(expectDead.length);
  });

  it('keeps the attempt history of each dead letter', async () => {
    for (const summary of report.dead) {
      const letter = await engine.deadLetter(summary.id);
      const orderNo = (letter.payload as { orderNo: string }).orderNo;
      const expected = MIX[kindOf(orderNo)]!;
      expect(letter.nodeId).toBe('send');
      expect(letter.error.code).toBe(expected.dead);
      expect(letter.error.message).toContain(`POST ${server.url}/orders/${orderNo}`);
      expect(letter.attempts).toBe(expected.attempts);
      expect(letter.history.map((h) => h.attempt)).toEqual(Array.from({ length: expected.attempts }, (_, i) => i + 1));
      for (const record of letter.history) {
        expect(record.error.code).toBe(expected.dead);
        expect(record.error.transient).toBe(expected.dead === 'HTTP_5XX');
      }
    }
  });

  it('sends every attempt of a message with the same Idempotency-Key and each message its own', () => {
    const groups = server.byIdempotencyKey();
    expect(server.requests.every((r) => r.idempotencyKey)).toBe(true);
    expect(groups.size).toBe(sent.length);
    const keyOfOrder = new Map<string, string>();
    for (const [key, attempts] of groups) {
      const orderNos = new Set(attempts.map(orderNoOf));
      expect(orderNos.size, `all attempts under ${key} are one message`).toBe(1);
      const [orderNo] = orderNos;
      expect(keyOfOrder.has(orderNo!), `${orderNo} used one key`).toBe(false);
      keyOfOrder.set(orderNo!, key);
      expect(attempts, `attempts for ${orderNo}`).toHaveLength(MIX[kindOf(orderNo!)]!.attempts);
    }
  });

  it('waits at least the Retry-After seconds before retrying a 429', () => {
    const limited = [...server.byIdempotencyKey().values()].filter((a) => a[0]!.scenario === 'limited');
    expect(limited).toHaveLength(MIX.limited!.count);
    for (const [rateLimited, retry] of limited) {
      expect(rateLimited!.answer).toBe('status 429');
      expect(retry!.answer).toBe('status 200');
      expect(retry!.at - rateLimited!.at).toBeGreaterThanOrEqual(1_000);
    }
  });

  it('retries a response slower than the timeout and a dropped connection', async () => {
    for (const scenario of ['slow', 'dropped']) {
      const groups = [...server.byIdempotencyKey().values()].filter((a) => a[0]!.scenario === scenario);
      expect(groups).toHaveLength(MIX[scenario]!.count);
      for (const [first, second] of groups) {
        expect(first!.answer).toBe(scenario === 'slow' ? 'delay 10000 ms' : 'drop');
        expect(second!.answer).toBe('status 200');
      }
    }
    const failedSteps = (await engine.traces(report.runId, { nodeId: 'send' })).filter((t) => t.error).map((t) => t.error!.code);
    expect(failedSteps.filter((code) => code === 'HTTP_TIMEOUT')).toHaveLength(MIX.slow!.count);
    expect(failedSteps.filter((code) => code === 'HTTP_CONNECTION')).toHaveLength(MIX.dropped!.count);
  });

  it('replays a dead letter with its original Idempotency-Key once the server recovers', async () => {
    server.script({ broken: { then: { status: 200 } } });
    const letters = await Promise.all(report.dead.map((d) => engine.deadLetter(d.id)));
    const broken = report.dead.filter((_d, index) => (letters[index]!.payload as { scenario: string }).scenario === 'broken');
    const keysBefore = new Map([...server.byIdempotencyKey()].map(([key, attempts]) => [orderNoOf(attempts[0]!), key]));
    const before = server.requests.length;

    const replay = await engine.replay(broken.map((d) => d.id), flow);

    expect(replay.dead).toHaveLength(0);
    const replayed = server.requests.slice(before);
    expect(replayed).toHaveLength(broken.length);
    for (const r of replayed) {
      expect(r.answer).toBe('status 200');
      expect(r.idempotencyKey).toBe(keysBefore.get(orderNoOf(r)));
    }
    expect((await engine.deadLetters({ runId: report.runId }))).toHaveLength(report.dead.length - broken.length);
  });
});
