// Node status and counts derived from step traces: what the canvas paints after a test run.
import { describe, expect, it } from 'vitest';
import { nodeStates } from '../../../main/api/node-states.js';
import type { StepTrace } from '../../../main/engine/types.js';

const step = (nodeId: string, messageId: string, attempt: number, extra: Partial<StepTrace> = {}): StepTrace => ({
  runId: 'r', nodeId, messageId, attempt, startedAt: '2024-01-01T00:00:00.000Z', durationMs: 1, ...extra,
});
const boom = { code: 'HTTP_503', message: 'unavailable' };

describe('node states', () => {
  it('does not count a failure that a retry cured', () => {
    const [state] = nodeStates(['call'], [step('call', 'm1', 1, { error: boom }), step('call', 'm1', 2, { outputs: [{ port: 'out', payload: 1 }] })], true);
    expect(state).toEqual({ nodeId: 'call', status: 'ok', counts: { steps: 2, messages: 1, emitted: 1, errors: 0, byPort: { out: 1 } }, lastError: boom });
  });

  it('marks a node red when a message failed there for good', () => {
    const [state] = nodeStates(['call'], [step('call', 'm1', 1, { error: boom }), step('call', 'm2', 1)], true);
    expect(state).toMatchObject({ status: 'error', counts: { steps: 2, errors: 1 } });
  });

  it('counts a message tried five times as one message and five attempts', () => {
    const attempts = [1, 2, 3, 4, 5].map((attempt) => step('call', 'm1', attempt, { error: boom }));
    const [state] = nodeStates(['call'], attempts, true);
    expect(state).toMatchObject({ status: 'error', counts: { steps: 5, messages: 1, emitted: 0, errors: 1 } });
  });

  it('keeps the flow order, shows untouched nodes as idle and busy ones as running', () => {
    const states = nodeStates(['a', 'b', 'c'], [step('b', 'm1', 1), step('a', 'm1', 1), step('ghost', 'm1', 1)], false);
    expect(states.map((state) => [state.nodeId, state.status])).toEqual([['a', 'running'], ['b', 'running'], ['c', 'idle'], ['ghost', 'running']]);
  });
});
