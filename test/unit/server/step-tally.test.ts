// How a committed batch becomes /metrics counts, on batches shaped as main/engine/commit.ts builds them.
import { describe, expect, it } from 'vitest';
import type { StepBatch, StepRow } from '../../../main/engine/store/types.js';
import { tallyBatch } from '../../../main/server/metrics/step-tally.js';

const step = (nodeId: string, messageId: string, fields: Partial<StepRow> = {}): StepRow => ({
  nodeId, messageId, attempt: 1, startedAt: 0, durationMs: 20, input: null, outputs: null, error: null, ...fields,
});
const message = (id: string, nodeId: string, extra: Record<string, unknown> = {}) => ({ id, runId: 'r1', nodeId, payload: '{}', idempotencyKey: id, ...extra });

function counts(batch: StepBatch, skipped: number[] = []): Record<string, [number, number, number]> {
  return Object.fromEntries([...tallyBatch(batch, skipped)].map(([node, t]) => [node, [t.in, t.out, t.failed]]));
}

describe('step tally', () => {
  it('counts a step with its fused successor and the messages it queued downstream', () => {
    const batch: StepBatch = {
      runId: 'r1', owner: 'o',
      units: [{
        seq: 1, processed: 2, dead: 0, storedBytes: 0,
        // map ran `filter` in memory (r1.1.1/0), which queued two messages for `send`.
        steps: [step('filter', 'r1.1.1/0'), step('map', 'r1.1.1')],
        enqueue: [message('r1.1.1/0/0', 'send'), message('r1.1.1/0/0.1', 'send')],
      }],
    };
    const tallies = tallyBatch(batch, []);
    expect(counts(batch)).toEqual({ send: [0, 0, 0], filter: [1, 2, 0], map: [1, 1, 0] });
    expect(tallies.get('map')?.removed).toBe(1);
    expect(tallies.get('send')?.queued).toBe(2);
    expect(tallies.get('map')?.durations).toEqual([0.02]);
  });

  it('counts a failure once it is final: not a retry, but a dead letter or the error edge', () => {
    const error = '{"code":"X","message":"no"}';
    const batch: StepBatch = {
      runId: 'r1', owner: 'o',
      units: [
        // Retried later: the same message, not failed yet.
        { seq: 1, processed: 0, dead: 0, storedBytes: 0, retry: { attempt: 2, availableAt: 1, attemptsJson: '[]' }, steps: [step('send', 'r1.1.1/0', { error })] },
        // Its second attempt failed for good: dead-lettered. A second attempt is not a new message in.
        { seq: 2, processed: 1, dead: 1, storedBytes: 0, steps: [step('send', 'r1.1.2/0', { error, attempt: 2 })] },
        // Routed to the error edge: failed here, and the copy sent on is not an output.
        { seq: 3, processed: 1, dead: 0, storedBytes: 0, steps: [step('send', 'r1.1.3/0', { error })], enqueue: [message('r1.1.3/0/2', 'alert')] },
        // A fused step that failed transiently waits in the queue for its retry.
        { seq: 4, processed: 1, dead: 0, storedBytes: 0, steps: [step('send', 'r1.1.4/0', { error }), step('map', 'r1.1.4')], enqueue: [message('r1.1.4/0', 'send', { attempt: 2 })] },
      ],
    };
    expect(counts(batch)).toEqual({ send: [3, 0, 2], alert: [0, 0, 0], map: [1, 1, 0] });
    expect(tallyBatch(batch, []).get('send')?.durations).toHaveLength(4);
    expect(tallyBatch(batch, []).get('send')?.removed).toBe(2); // The retried input stays queued; unit 4's input was map's.
  });

  it('leaves out units the store skipped, timer firings as messages in, and counts terminal outputs', () => {
    const batch: StepBatch = {
      runId: 'r1', owner: 'o',
      units: [
        { seq: 1, processed: 1, dead: 0, storedBytes: 0, steps: [step('log', 'r1.1.1/0/0')], outputs: [{ nodeId: 'log', payload: '{}' }] },
        { seq: 2, processed: 1, dead: 0, storedBytes: 0, steps: [step('log', 'r1.1.2/0/0')], outputs: [{ nodeId: 'log', payload: '{}' }] },
        { seq: 3, processed: 1, dead: 0, storedBytes: 0, steps: [step('window', 'r1/timer/window/k')], enqueue: [message('r1/timer/window/k/0', 'log')] },
      ],
    };
    expect(counts(batch, [1])).toEqual({ log: [1, 1, 0], window: [0, 1, 0] });
  });
});
