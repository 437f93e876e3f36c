// kill -9 at random moments: a run of 40,000 orders through map → split → filter → map is killed
// several times mid-flight, resumed each time by a new process, and finally finished. Every order must
// reach the terminal node exactly once: nothing lost, nothing duplicated.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoreHarness } from '../../../fixtures/engine/stores.js';
import { TempWorkspace } from '../../../fixtures/engine/workspace.js';

const ORDERS = 40_000;
const KILLS = 4;
const RUNNER = fileURLToPath(new URL('../../../fixtures/engine/crash-runner.ts', import.meta.url));
const TSX = createRequire(import.meta.url).resolve('tsx');


export function crashRecoverySuite(harness: StoreHarness): void {
  const ws = new TempWorkspace(harness);
  afterAll(() => ws.remove());


  interface Child {
    /** Resolves with the run id once the child printed it (start mode). */
    runId: Promise<string>;
    /** Resolves once the child committed its first batch. */
    working: Promise<void>;
    exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
    kill(): void;
  }

  function runner(args: string[]): Child {
    const child = spawn(process.execPath, ['--import', TSX, RUNNER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let announce: (id: string) => void = () => undefined;
    const runId = new Promise<string>((resolve) => (announce = resolve));
    let started: () => void = () => undefined;
    const working = new Promise<void>((resolve) => (started = resolve));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /run (\S+)/.exec(stdout);
      if (match) announce(match[1]!);
      if (/^working$/m.test(stdout)) started();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
      child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
    });
    return { runId, working, exit, kill: () => child.kill('SIGKILL') };
  }

  const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  describe('crash recovery', () => {
    it('delivers every order to the end exactly once despite repeated kill -9', async () => {
      const file = ws.path('orders.jsonl');
      writeFileSync(file, `${Array.from({ length: ORDERS }, (_, id) => JSON.stringify({ id, customer: `c${id % 97}` })).join('\n')}\n`);

      const first = runner(['start', ws.dir, file, ws.storeSpec()]);
      const runId = await first.runId;
      let kills = 0;
      let child = first;
      for (;;) {
        // Somewhere mid-flight: after the child's first commit (however long its start-up took on a busy
        // machine), a random moment before the run can finish.
        await Promise.race([child.working, child.exit]);
        await pause(Math.floor(Math.random() * 300));
        child.kill();
        const ended = await child.exit;
        if (ended.signal === 'SIGKILL') kills += 1;
        else expect(ended.code, ended.stderr).toBe(0);
        if (kills >= KILLS || ended.signal !== 'SIGKILL') break;
        child = runner(['resume', ws.dir, runId, ws.storeSpec()]);
      }
      // The kills interrupted real work: the run was not done yet.
      const store = await ws.store();
      const left = (await store.queue.countInRun(runId)) + (await store.runs.notYetIngested(runId));
      const delivered = (await store.runs.outputs(runId, ORDERS * 2)).length;
      expect(left).toBeGreaterThan(0);
      expect(delivered).toBeGreaterThan(0);

      const last = runner(['resume', ws.dir, runId, ws.storeSpec()]);
      const finished = await last.exit;
      expect(finished.code, finished.stderr).toBe(0);

      const engine = await ws.open();
      const report = await engine.report(runId);
      expect(report.status).toBe('succeeded');
      // More outputs than one report holds: read them all from the store.
      const ids = (await store.runs.outputs(runId, ORDERS * 2)).filter((row) => row.nodeId === 'done').map((row) => (JSON.parse(row.payload) as { id: number }).id);
      expect(report.outputsTruncated).toBe(true);
      expect(report.outputCounts).toEqual({ done: ORDERS });
      expect(ids).toHaveLength(ORDERS);
      expect(new Set(ids).size).toBe(ORDERS);
      expect(report.counts).toMatchObject({ received: ORDERS, pending: 0, dead: 0 });
      expect(kills).toBeGreaterThanOrEqual(2);
    }, 90_000);
  });
}
