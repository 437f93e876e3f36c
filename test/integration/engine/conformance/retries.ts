// Retries and dead letters with a real HTTP target on loopback: transient failures are retried with
// backoff (honouring Retry-After) under one idempotency key, the last failure dead-letters the input
// with every attempt, and a message waiting for its retry never holds up the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunHistory } from '../../../../main/api/run-history.js';
import { closeHttpAgent } from '../../../../main/http/index.js';
import { startFlakyServer, type FlakyServer } from '../../../fixtures/engine/flaky-server.js';
import type { StoreHarness } from '../../../fixtures/engine/stores.js';
import { chain, TempWorkspace } from '../../../fixtures/engine/workspace.js';

export function retriesSuite(harness: StoreHarness): void {
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

  function callFlow(maxAttempts: number, trace?: 'full' | 'errors'): ReturnType<typeof chain> {
    return chain('calls', [
      ['in', 'trigger.manual'],
      ['call', 'http.request', { method: 'POST', url: `${server.url}/calls`, timeoutMs: 2000 }, { retry: { maxAttempts, backoffMs: 20, maxBackoffMs: 40 } }],
    ], trace === undefined ? {} : { settings: { trace } });
  }

  describe('retries', () => {
    it('retries transient failures with backoff and delivers once the target recovers', async () => {
      const engine = await ws.open();
      const runId = await engine.startRun({ flow: callFlow(4), inputs: [{ triggerId: 'in', messages: [{ id: 'a', failTimes: 2 }, { id: 'b' }] }] });
      const report = await engine.drive(runId);
      expect(report.status).toBe('succeeded');
      expect(report.outputs.call).toEqual(expect.arrayContaining([{ id: 'a', attempts: 3 }, { id: 'b', attempts: 1 }]));
      const traces = await engine.traces(runId, { nodeId: 'call' });
      expect(traces.filter((t) => t.error).map((t) => t.attempt)).toEqual([1, 2]);
    });

    it('dead-letters a message after its last attempt, with the input and every attempt', async () => {
      const engine = await ws.open();
      const runId = await engine.startRun({ flow: callFlow(3), inputs: [{ triggerId: 'in', messages: [{ id: 'down', failTimes: 99, status: 502 }] }] });
      const report = await engine.drive(runId);
      expect(report.status).toBe('failed');
      expect(report.dead).toHaveLength(1);
      const letter = await engine.deadLetter(report.dead[0]!.id);
      expect(letter.payload).toEqual({ id: 'down', failTimes: 99, status: 502 });
      expect(letter.nodeId).toBe('call');
      expect(letter.attempts).toBe(3);
      expect(letter.history.map((h) => [h.attempt, h.error.code, h.error.transient])).toEqual([
        [1, 'HTTP_5XX', true], [2, 'HTTP_5XX', true], [3, 'HTTP_5XX', true],
      ]);
      // All three attempts carried the same idempotency key.
      expect([...server.attempts.values()].some((times) => times.length === 3)).toBe(true);
    });

    it('sends a permanent failure straight to the dead-letter queue', async () => {
      const engine = await ws.open();
      const runId = await engine.startRun({ flow: callFlow(5), inputs: [{ triggerId: 'in', messages: [{ id: 'bad', failTimes: 99, status: 422 }] }] });
      const report = await engine.drive(runId);
      expect(report.dead).toHaveLength(1);
      expect((await engine.deadLetter(report.dead[0]!.id)).history).toHaveLength(1);
    });

    it('runs.detail counts a retried message once at a node, whether its steps kept payloads or only timings', async () => {
      const engine = await ws.open();
      const history = new RunHistory(await ws.store());
      for (const trace of ['full', 'errors'] as const) {
        // 'a' fails twice then succeeds, 'down' fails all four attempts, 'b' succeeds at once: 3 messages, 8 steps.
        const messages = [{ id: 'a', failTimes: 2 }, { id: 'down', failTimes: 99, status: 503 }, { id: 'b' }];
        const runId = await engine.startRun({ flow: callFlow(4, trace), inputs: [{ triggerId: 'in', messages }] });
        await engine.drive(runId);
        const call = (await history.detail(runId)).nodes.find((node) => node.nodeId === 'call');
        expect(call, trace).toMatchObject({ steps: 8, messages: 3, errors: 6, failedMessages: 1 });
        expect((await history.detail(runId)).nodes.find((node) => node.nodeId === 'in'), trace).toMatchObject({ steps: 3, messages: 3 });
      }
    });

    it('keeps working on other messages while one waits out its Retry-After', async () => {
      const engine = await ws.open();
      const messages = [{ id: 'slow', failTimes: 1, retryAfter: 1 }, ...Array.from({ length: 20 }, (_, i) => ({ id: `fast-${i}` }))];
      const started = Date.now();
      const runId = await engine.startRun({ flow: callFlow(3), inputs: [{ triggerId: 'in', messages }] });
      const report = await engine.drive(runId);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      const ids = (report.outputs.call as Array<{ id: string }>).map((o) => o.id);
      expect(ids).toHaveLength(21);
      expect(ids.at(-1)).toBe('slow');
      const steps = await engine.traces(runId, { nodeId: 'call' });
      const slowId = steps.find((step) => step.error)!.messageId;
      const fastSteps = steps.filter((step) => step.messageId !== slowId);
      expect(fastSteps).toHaveLength(20);
      for (const step of fastSteps) expect(Date.parse(step.startedAt) - started).toBeLessThan(1000);
    });
  });
}
