import { describe, expect, it } from 'vitest';
import type { RunEvent as ApiEvent, NodeCounts } from '../../../shared/api/index.js';
import { describeRun, idleRun, nodeCountsLabel, runReducer, type RunAction, type RunState } from '../../../renderer/src/run/run-state.js';

const counts = (steps: number, emitted: number, errors = 0, messages = steps): NodeCounts => ({ steps, messages, emitted, errors, byPort: { out: emitted } });
const nodeStatus = (runId: string, nodeId: string, status: 'running' | 'ok' | 'error', c: NodeCounts): ApiEvent => ({ type: 'node.status', runId, nodeId, status, counts: c });
const finished = (runId: string, status: 'succeeded' | 'failed' = 'succeeded'): ApiEvent => ({ type: 'run.finished', runId, flowId: 'f', status, counts: { received: 2, processed: 2, pending: 0, dead: 0 } });
const progress = (runId: string, processed: number): ApiEvent => ({ type: 'run.progress', runId, flowId: 'f', received: 2, processed, pending: 2 - processed, dead: 0 });

function reduce(actions: RunAction[], from: RunState = idleRun): RunState {
  return actions.reduce(runReducer, from);
}

const started = (runId = 'r1'): RunAction[] => [{ type: 'start', attempt: 1 }, { type: 'started', attempt: 1, runId }];
const event = (e: ApiEvent): RunAction => ({ type: 'event', event: e });

describe('run state', () => {
  it('follows a run from start to finish with each node\'s status and counts', () => {
    const state = reduce([
      ...started(),
      event({ type: 'run.started', runId: 'r1', flowId: 'f', kind: 'test' }),
      event(nodeStatus('r1', 'map', 'running', counts(1, 1))),
      event(progress('r1', 1)),
      event(nodeStatus('r1', 'map', 'ok', counts(2, 2))),
      event(finished('r1')),
    ]);
    expect(state.phase).toBe('finished');
    expect(state.status).toBe('succeeded');
    expect(state.nodes.map).toEqual({ status: 'ok', counts: counts(2, 2) });
    expect(describeRun(state)).toBe('Succeeded, 2 messages in, 0 dead letters');
    expect(describeRun(runReducer(state, { type: 'outputs', runId: 'r1', outputs: 2 }))).toBe('Succeeded, 2 messages in, 2 out, 0 dead letters');
  });

  it('speaks of messages in and out, not of the steps one message took through four nodes', () => {
    const oneThroughFour = reduce([
      ...started(),
      event({ type: 'run.progress', runId: 'r1', flowId: 'f', received: 1, processed: 4, pending: 0, dead: 0 }),
      event({ type: 'run.finished', runId: 'r1', flowId: 'f', status: 'succeeded', counts: { received: 1, processed: 4, pending: 0, dead: 0 } }),
      { type: 'outputs', runId: 'r1', outputs: 1 },
    ]);
    expect(describeRun(oneThroughFour)).toBe('Succeeded, 1 message in, 1 out, 0 dead letters');
    const busy = reduce([...started(), event({ type: 'run.progress', runId: 'r1', flowId: 'f', received: 3, processed: 5, pending: 2, dead: 1 })]);
    expect(describeRun(busy)).toBe('Running, 3 messages in, 2 waiting, 1 dead letter');
  });

  it('says a run was stopped only when the stop left messages unfinished', () => {
    const interrupted: ApiEvent = { type: 'run.finished', runId: 'r1', flowId: 'f', status: 'interrupted', counts: { received: 2, processed: 1, pending: 1, dead: 0 } };
    const stopped = reduce([...started(), { type: 'stop-requested', runId: 'r1' }, event(interrupted)]);
    expect(describeRun(stopped)).toBe('Stopped, 2 messages in, 0 dead letters');
    const finishedAnyway = reduce([...started(), { type: 'stop-requested', runId: 'r1' }, event(finished('r1'))]);
    expect(describeRun(finishedAnyway)).toBe('Succeeded, 2 messages in, 0 dead letters');
    expect(describeRun(reduce([...started(), event(interrupted)]))).toBe('Interrupted, 2 messages in, 0 dead letters');
  });

  it('ignores a stop asked for another run or after the end', () => {
    expect(reduce([...started(), { type: 'stop-requested', runId: 'other' }]).stopRequested).toBeUndefined();
    expect(reduce([...started(), event(finished('r1')), { type: 'stop-requested', runId: 'r1' }]).stopRequested).toBeUndefined();
  });

  it('ignores the report\'s outputs of another run', () => {
    const state = reduce([...started(), event(finished('r1')), { type: 'outputs', runId: 'other', outputs: 7 }]);
    expect(state.outputs).toBeUndefined();
  });

  it('ignores the events of other runs', () => {
    const state = reduce([...started(), event(nodeStatus('other', 'map', 'error', counts(5, 0, 5))), event(finished('other', 'failed'))]);
    expect(state.phase).toBe('running');
    expect(state.nodes).toEqual({});
  });

  it('keeps events that arrive before runs.start answers and replays those of its run', () => {
    const state = reduce([
      { type: 'start', attempt: 1 },
      event({ type: 'run.started', runId: 'r1', flowId: 'f', kind: 'test' }),
      event(nodeStatus('r0', 'map', 'error', counts(1, 0, 1))),
      event(nodeStatus('r1', 'map', 'ok', counts(1, 1))),
      event(finished('r1')),
      { type: 'started', attempt: 1, runId: 'r1' },
    ]);
    expect(state.phase).toBe('finished');
    expect(state.nodes.map?.status).toBe('ok');
    expect(state.early).toEqual([]);
  });

  it('does not let a late running status or older counts hide a node\'s final state', () => {
    const state = reduce([
      ...started(),
      event(nodeStatus('r1', 'map', 'ok', counts(3, 3))),
      event(nodeStatus('r1', 'map', 'running', counts(3, 3))),
      event(nodeStatus('r1', 'map', 'running', counts(1, 1))),
      event(progress('r1', 2)),
      event(progress('r1', 1)),
    ]);
    expect(state.nodes.map).toEqual({ status: 'ok', counts: counts(3, 3) });
    expect(state.counts?.processed).toBe(2);
  });

  it('ignores running statuses and progress after the run finished', () => {
    const state = reduce([...started(), event(finished('r1')), event(nodeStatus('r1', 'map', 'running', counts(9, 9))), event(progress('r1', 1))]);
    expect(state.nodes).toEqual({});
    expect(state.counts?.processed).toBe(2);
  });

  it('takes the service\'s node states with their last errors, keeping unchanged node objects', () => {
    const before = reduce([...started(), event(nodeStatus('r1', 'a', 'ok', counts(1, 1))), event(nodeStatus('r1', 'b', 'running', counts(0, 0)))]);
    const error = { code: 'EXPRESSION_FAILED', message: 'boom', location: { path: 'nodes[1].config.expression' } };
    const after = runReducer(before, {
      type: 'nodes',
      runId: 'r1',
      nodes: [
        { nodeId: 'a', status: 'ok', counts: counts(1, 1) },
        { nodeId: 'b', status: 'error', counts: counts(1, 0, 1), lastError: error },
        { nodeId: 'c', status: 'idle', counts: counts(0, 0) },
      ],
    });
    expect(after.nodes.a).toBe(before.nodes.a);
    expect(after.nodes.b).toEqual({ status: 'error', counts: counts(1, 0, 1), lastError: error });
    expect(after.nodes.c).toBeUndefined();
    expect(runReducer(after, { type: 'nodes', runId: 'old', nodes: [] })).toBe(after);
  });

  it('starts afresh on a new run and ignores the answer to an older start', () => {
    const first = reduce([...started('r1'), event(nodeStatus('r1', 'a', 'ok', counts(1, 1)))]);
    const second = reduce([{ type: 'start', attempt: 2 }, { type: 'started', attempt: 1, runId: 'r1' }, { type: 'started', attempt: 2, runId: 'r2' }], first);
    expect(second.runId).toBe('r2');
    expect(second.nodes).toEqual({});
  });

  it('reports a start that failed with the service\'s error', () => {
    const state = reduce([{ type: 'start', attempt: 1 }, { type: 'start-failed', attempt: 1, error: { code: 'NO_INPUT', message: 'Add samples to the trigger.' } }]);
    expect(state.phase).toBe('failed');
    expect(describeRun(state)).toBe('Could not start: Add samples to the trigger.');
  });

  it('labels node counts as messages in and out, with the failed ones when there are any', () => {
    expect(nodeCountsLabel(counts(3, 3))).toBe('3 in, 3 out');
    expect(nodeCountsLabel(counts(2, 1, 1))).toBe('2 in, 1 out, 1 failed');
  });

  it('shows the attempts of a retried node as attempts, not as messages in', () => {
    expect(nodeCountsLabel(counts(5, 0, 1, 1))).toBe('1 in, 0 out, 5 attempts, failed');
    expect(nodeCountsLabel(counts(3, 2, 0, 2))).toBe('2 in, 2 out, 3 attempts');
  });

  it('lets steps stand for messages where only steps are known (a past run from the history)', () => {
    expect(nodeCountsLabel({ steps: 3, emitted: 3, errors: 0, byPort: {} })).toBe('3 in, 3 out');
  });
});
