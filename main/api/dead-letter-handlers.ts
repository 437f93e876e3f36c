// dlq.* — dead letters through the engine. A replay goes onto the current saved version of each
// letter's flow (the point of replaying is that the flow was fixed), one replay run per flow, with
// progress sent as run events like any other run.
import type { DeadLetterHandlers } from '../../shared/api/dead-letters.js';
import type { RunReport } from '../engine/types.js';
import type { Engine } from '../engine/types.js';
import type { RunTracker } from './run-tracker.js';
import { loadSavedFlow } from '../workspace/runnable-flow.js';

const DEFAULT_LIMIT = 100;

export function createDeadLetterHandlers(workspace: string, engine: Engine, tracker: RunTracker): DeadLetterHandlers {
  return {
    'dlq.list': async ({ runId, flowId, includeReplayed, limit }) =>
      (await engine.deadLetters({
        ...(runId === undefined ? {} : { runId }),
        ...(flowId === undefined ? {} : { flowId }),
        ...(includeReplayed === undefined ? {} : { includeReplayed }),
        limit: limit ?? DEFAULT_LIMIT,
      })),

    'dlq.get': async ({ id }) => await engine.deadLetter(id),

    'dlq.replay': async ({ ids }) => {
      // Every id is looked up first, so an unknown one fails the call before anything is replayed.
      const byFlow = new Map<string, string[]>();
      for (const id of new Set(ids)) {
        const { flowId } = await engine.deadLetter(id);
        byFlow.set(flowId, [...(byFlow.get(flowId) ?? []), id]);
      }
      const flows = [...byFlow.keys()].map((flowId) => loadSavedFlow(workspace, flowId));
      const reports: RunReport[] = [];
      for (const { flow, flowPath } of flows) {
        const letters = byFlow.get(flow.id) ?? [];
        const run = { flowId: flow.id, nodeIds: flow.nodes.map((node) => node.id) };
        const report = await tracker.follow(undefined, run, (options) => engine.replay(letters, flow, { ...options, flowPath }), 'replay');
        if (report) reports.push(report);
      }
      return { reports };
    },

    'dlq.discard': async ({ ids }) => ({ discarded: (await engine.discard(ids)) }),
  };
}
