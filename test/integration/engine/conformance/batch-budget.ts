// A batch's memory is bounded by bytes, not only by its message count (docs/hardening.md "Bounded
// memory"): once its step trees hold `batchBytes` of payload text it stops taking messages, commits what
// it ran, and leaves the rest of its claim (queued messages, or unread lines of an input file) to the
// next batch. Every message is still handled exactly once, in order.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { TriggerInput } from '../../../../main/engine/types.js';
import type { StoreHarness } from '../../../fixtures/engine/stores.js';
import { chain, TempWorkspace } from '../../../fixtures/engine/workspace.js';

const MESSAGES = 40;
/** Each message carries this much text in, and the Map copies it out: ~200 KB held per message. */
const BLOB = 'x'.repeat(100_000);
const BUDGET = 1_000_000;

export function batchBudgetSuite(harness: StoreHarness): void {
  const ws = new TempWorkspace(harness);
  afterAll(() => ws.remove());

  const flow = chain('budget', [['in', 'trigger.manual'], ['copy', 'transform.map', { expression: '{ "n": n, "blob": blob }' }]]);
  const messages = Array.from({ length: MESSAGES }, (_, n) => ({ n, blob: BLOB }));

  /** Drives a run to its end and counts its commits (progress is reported once per commit). */
  async function driveCountingCommits(inputs: TriggerInput[], batchBytes?: number) {
    const engine = await ws.open({ batchSize: 500, ...(batchBytes === undefined ? {} : { batchBytes }) });
    let commits = 0;
    const report = await engine.drive(await engine.startRun({ flow, inputs }), { onProgress: () => (commits += 1) });
    return { report, commits };
  }

  describe(`batch byte budget (${harness.name})`, () => {
    it('splits a claimed batch at its byte budget and still handles every queued message once, in order', async () => {
      const unbounded = await driveCountingCommits([{ triggerId: 'in', messages }]);
      const bounded = await driveCountingCommits([{ triggerId: 'in', messages }], BUDGET);
      for (const { report } of [unbounded, bounded]) {
        expect(report.status).toBe('succeeded');
        expect((report.outputs.copy as Array<{ n: number }>).map((output) => output.n)).toEqual(messages.map((message) => message.n));
      }
      // One batch takes all 40 without a budget; with it, each holds ~5 messages' worth (200 KB each).
      expect(bounded.commits).toBeGreaterThanOrEqual(MESSAGES / 6);
      expect(bounded.commits).toBeGreaterThan(unbounded.commits + 3);
    });

    it('bounds a batch whose expressions run in evaluation processes, which starts its messages together', async () => {
      // A range whose bounds come from data is evaluated where a watchdog can stop it (runaway-risk.ts).
      const isolated = chain('budget-isolated', [['in', 'trigger.manual'], ['copy', 'transform.map', { expression: '{ "n": n, "blob": blob, "upTo": $count([0..n]) }' }]]);
      const engine = await ws.open({ batchSize: 500, batchBytes: BUDGET });
      let commits = 0;
      const report = await engine.drive(await engine.startRun({ flow: isolated, inputs: [{ triggerId: 'in', messages }] }), { onProgress: () => (commits += 1) });
      expect(report.status).toBe('succeeded');
      expect((report.outputs.copy as Array<{ n: number; upTo: number }>).map((output) => output.upTo)).toEqual(messages.map((message) => message.n + 1));
      expect(commits).toBeGreaterThanOrEqual(MESSAGES / 6);
    });

    it('reads a file input on from the last line a budget-split batch handed on', async () => {
      const file = ws.path('big-lines.jsonl');
      writeFileSync(file, `${messages.map((message) => JSON.stringify(message)).join('\n')}\n`);
      const { report, commits } = await driveCountingCommits([{ triggerId: 'in', jsonlFile: file }], BUDGET);
      expect(report.status).toBe('succeeded');
      expect(report.counts).toMatchObject({ received: MESSAGES, pending: 0 });
      expect((report.outputs.copy as Array<{ n: number }>).map((output) => output.n)).toEqual(messages.map((message) => message.n));
      expect(commits).toBeGreaterThanOrEqual(MESSAGES / 6);
    });

    it('runs a single message bigger than the whole budget on its own', async () => {
      const { report } = await driveCountingCommits([{ triggerId: 'in', messages: messages.slice(0, 3) }], 10);
      expect(report.status).toBe('succeeded');
      expect(report.outputs.copy).toHaveLength(3);
    });
  });
}
