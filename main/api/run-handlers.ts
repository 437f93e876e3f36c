// runs.* — start test runs in the background and read what they did: report, per-node steps, logs;
// the Runs view's paged history reads go through ./run-history.ts. The workspace's retention default
// lives in settings.json (main/workspace/settings.ts), applied by the engine's retention.
import type { RetentionDefault, RunHandlers, RunSteps } from '../../shared/api/runs.js';
import type { Engine } from '../engine/types.js';
import { NODE_STATE_TRACE_LIMIT, nodeStates } from './node-states.js';
import type { RunHistory } from './run-history.js';
import type { RunTracker } from './run-tracker.js';
import { PipewrightError } from '../../shared/errors.js';
import { parseFlowText } from '../../shared/flow/parse.js';
import { withTraceMode } from '../../shared/flow/valid-flow.js';
import { readFlowText } from '../workspace/flow-file.js';
import { readWorkspaceSettings, writeRetentionDefault, type WorkspaceSettings } from '../workspace/settings.js';
import { flowFilePath } from '../workspace/flow-paths.js';
import { checkUnsavedFlow, loadSavedFlow, triggerInputs, type RunnableFlow } from '../workspace/runnable-flow.js';

const DEFAULT_STEP_LIMIT = 100;
const DEFAULT_RUN_LIMIT = 50;

export function createRunHandlers(workspace: string, engine: Engine, tracker: RunTracker, history?: RunHistory): RunHandlers {
  const historyOrFail = (): RunHistory => {
    if (!history) throw new PipewrightError('NOT_IMPLEMENTED', 'this service was given an engine without its store; the run history reads need the store');
    return history;
  };

  /** The nodes to show for a run not started here, in flow order: the flow file's current nodes (the engine keeps no copy we can read). */
  function nodeIdsOf(flowId: string): string[] {
    const text = readFlowText(flowFilePath(workspace, flowId));
    if (text === undefined) return [];
    return parseFlowText(text, undefined, { expectedId: null }).flow?.nodes.map((node) => node.id) ?? [];
  }

  return {
    'runs.start': async ({ flowId, document, inputs, kind }) => {
      const runnable: RunnableFlow = flowId !== undefined ? loadSavedFlow(workspace, flowId) : checkUnsavedFlow(document);
      const runKind = kind ?? 'test';
      const runId = await engine.startRun({
        // Designer test runs show every node's input and output (DESIGN.md §4: `full` is their default),
        // even for a flow set to trace only errors in production; the copy stays a ValidFlow.
        flow: runKind === 'test' ? withTraceMode(runnable.flow, 'full') : runnable.flow,
        ...(runnable.flowPath === undefined ? {} : { flowPath: runnable.flowPath }),
        kind: runKind,
        inputs: triggerInputs(runnable.flow, inputs),
      });
      tracker.driveInBackground(runId, runKind, { flowId: runnable.flow.id, nodeIds: runnable.flow.nodes.map((node) => node.id) });
      return { runId, flowId: runnable.flow.id, kind: runKind };
    },

    'runs.stop': async ({ runId }) => ({ runId, stopped: await tracker.stop(runId) }),

    'runs.get': async ({ runId }) => await engine.report(runId),

    'runs.list': async ({ flowId, limit }) => await engine.listRuns({ ...(flowId === undefined ? {} : { flowId }), limit: limit ?? DEFAULT_RUN_LIMIT }),

    'runs.steps': async ({ runId, nodeId, limit }) => {
      const report = await engine.report(runId); // RUN_NOT_FOUND for an unknown id
      const finished = report.status !== 'running' || !tracker.isDriving(runId);
      const result: RunSteps = { runId, nodes: nodeStates(tracker.nodeIdsOf(runId) ?? nodeIdsOf(report.flowId), (await engine.traces(runId, { limit: NODE_STATE_TRACE_LIMIT })), finished) };
      if (nodeId !== undefined) {
        result.steps = await engine.traces(runId, { nodeId, limit: limit ?? DEFAULT_STEP_LIMIT });
        result.emitted = (await engine.emissions(runId))[nodeId] ?? [];
      }
      return result;
    },

    'runs.logs': async (params) => {
      if (history) return await history.logs(params);
      // An engine without its store (a host that embeds only the engine): the whole log, paged here by position.
      (await engine.report(params.runId)); // RUN_NOT_FOUND rather than an empty list for a mistyped id
      const lines = (await engine.logs(params.runId)).map((line, index) => ({ ...line, seq: index + 1 })).filter((line) => line.seq > (params.after ?? 0) && line.seq < (params.before ?? Number.MAX_SAFE_INTEGER));
      if (params.limit === undefined) return lines;
      return params.latest === true ? lines.slice(-params.limit) : lines.slice(0, params.limit);
    },

    'runs.page': async (params) => await historyOrFail().page(params),
    'runs.detail': async ({ runId }) => await historyOrFail().detail(runId),
    'runs.messages': async (params) => await historyOrFail().messages(params),
    'runs.message': async (params) => await historyOrFail().message(params),
    'runs.search': async (params) => await historyOrFail().search(params),
    'runs.health': async () => await historyOrFail().health(),

    // Async so that a damaged settings.json rejects like any other failure instead of throwing at the caller.
    'runs.retentionDefault': async () => retentionOf(readWorkspaceSettings(workspace)),

    'runs.setRetentionDefault': async ({ retention }) => retentionOf(writeRetentionDefault(workspace, retention ?? undefined)),
  };
}

function retentionOf(settings: WorkspaceSettings): RetentionDefault {
  return settings.retention === undefined ? {} : { retention: settings.retention };
}
