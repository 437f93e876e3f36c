// "Use upstream output from last run": the payloads the upstream node emitted in the last test run
// become this node's sample messages (one undo step). The run view calls this with what it has.
import type { FlowStore } from '../canvas/store.js';

/** Most messages kept as a sample: enough to try a mapping on, small enough for the flow file. */
export const MAX_SAMPLE_MESSAGES = 20;

export function setSampleFromUpstream(store: FlowStore, nodeId: string, payloads: readonly unknown[]): void {
  if (payloads.length === 0) return;
  store.setSamples(nodeId, structuredClone(payloads.slice(0, MAX_SAMPLE_MESSAGES)) as unknown[]);
}
