// Each node's status and counts in one run, derived from its step traces: what the canvas paints on
// the nodes during and after a test run. A message counts as failed at a node when its latest attempt
// there failed, so a transient error that a retry cured does not leave the node red.
import type { NodeCounts, NodeRunState } from '../../shared/api/runs.js';
import type { StepTrace } from '../engine/types.js';

/** Steps read per run to derive the states; designer test runs stay far below it. */
export const NODE_STATE_TRACE_LIMIT = 100_000;

export function nodeStates(nodeIds: ReadonlyArray<string>, traces: ReadonlyArray<StepTrace>, runFinished: boolean): NodeRunState[] {
  const byNode = new Map<string, { counts: NodeCounts; lastAttemptFailed: Map<string, boolean>; lastError?: StepTrace['error'] }>();
  const order = [...nodeIds];
  for (const trace of traces) {
    let entry = byNode.get(trace.nodeId);
    if (!entry) {
      entry = { counts: { steps: 0, emitted: 0, errors: 0, byPort: {} }, lastAttemptFailed: new Map() };
      byNode.set(trace.nodeId, entry);
      if (!order.includes(trace.nodeId)) order.push(trace.nodeId);
    }
    entry.counts.steps += 1;
    for (const output of trace.outputs ?? []) {
      entry.counts.emitted += 1;
      entry.counts.byPort[output.port] = (entry.counts.byPort[output.port] ?? 0) + 1;
    }
    entry.lastAttemptFailed.set(trace.messageId, trace.error !== undefined);
    if (trace.error) entry.lastError = trace.error;
  }
  return order.map((nodeId) => {
    const entry = byNode.get(nodeId);
    if (!entry) return { nodeId, status: 'idle', counts: { steps: 0, emitted: 0, errors: 0, byPort: {} } };
    let failed = 0;
    for (const didFail of entry.lastAttemptFailed.values()) if (didFail) failed += 1;
    // lastAttemptFailed has one entry per message that reached the node, however often it was tried.
    const counts = { ...entry.counts, messages: entry.lastAttemptFailed.size, errors: failed };
    const status = failed > 0 ? 'error' : runFinished ? 'ok' : 'running';
    const state: NodeRunState = { nodeId, status, counts };
    if (entry.lastError) state.lastError = entry.lastError;
    return state;
  });
}
