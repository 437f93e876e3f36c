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
    exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
    kill(): void;
  }

  function runner(args: string[]): Child {
    const child = spawn(process.execPath, ['--import', TSX, RUNNER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let announce: (id: string) => void = () => undefined;
    const runId = new Promise<string>((resolve) => (announce = resolve));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /run (\S+)/.exec(stdout);
      if (match) announce(match[1]!);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
      child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
    });
    return { runId, exit, kill: () => child.kill('SIGKILL') };
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
        // Somewhere mid-flight: after start-up, before the run can finish.
        await pause(150 + Math.floor(Math.random() * 500));
        child.kill();
        const ended = await child.exit;
        if (ended.signal === 'SIGKILL') kills += 1;
        else expect(ended.code, ended.stderr).toBe(0);
        if (kills >= KILLS || ended.signal !== 'SIGKILL') break;
        child = runner(['resume', ws.dir, runId, ws.storeSpec()]);
        // Wait until the new process is up before the next kill: its start-up is not the subject here.
        await pause(400);
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
