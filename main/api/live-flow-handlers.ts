// flows.live, flows.pause, flows.resume — the workspace's flows as a server runs them (DESIGN.md §4
// "Live flows", §8): each valid flow's newest version and trigger types, whether it is paused, and for
// each live one the version its triggers feed and the live run. The version is the engine's
// registration of the file's content, as LiveFlows and bundles.import take it (identical content keeps
// its version, so asking records nothing new unless the file changed). Invalid files are left out of
// flows.live: flows.list shows them with their problems.
import { readdirSync } from 'node:fs';
import type { LiveFlowHandlers, LiveFlowState } from '../../shared/api/live-flows.js';
import { getNodeKind } from '../../shared/catalog/index.js';
import { PipewrightError } from '../../shared/errors.js';
import { ID_PATTERN } from '../../shared/flow/schema.js';
import type { Engine } from '../engine/types.js';
import { FLOW_FILE_SUFFIX, flowsFolder } from '../workspace/flow-paths.js';
import { loadSavedFlow } from '../workspace/runnable-flow.js';
import type { LiveFlows } from './live-flows.js';

/** `live` is the host's LiveFlows; without one (a host serving no triggers) no flow is live, and none can be paused. */
export function createLiveFlowHandlers(workspace: string, engine: Engine, live: LiveFlows | undefined): LiveFlowHandlers {
  /** One flow's state; undefined for a flow file that does not load (missing or invalid). */
  const stateOf = async (id: string): Promise<LiveFlowState | undefined> => {
    let saved: ReturnType<typeof loadSavedFlow>;
    try {
      saved = loadSavedFlow(workspace, id);
    } catch {
      return undefined;
    }
    const { version } = await engine.registerFlow(saved.flow, saved.flowPath);
    const triggers = [...new Set(saved.flow.nodes.filter((node) => getNodeKind(node.type)?.isTrigger === true).map((node) => node.type))].sort();
    const activation = live?.activation(id);
    const pausedSince = live?.pausedSince(id);
    return {
      flowId: id, version, triggers,
      ...(activation ? { live: { version: activation.version, runId: activation.runId } } : {}),
      ...(pausedSince === undefined ? {} : { paused: { since: pausedSince } }),
    };
  };
  /** The state after a pause or resume; the flow was loaded by then, so only a file removed meanwhile leaves none. */
  const afterChange = async (id: string): Promise<LiveFlowState> => {
    const state = await stateOf(id);
    if (state === undefined) throw new PipewrightError('FLOW_NOT_FOUND', `flow "${id}" was removed or became invalid meanwhile: see flows.list`);
    return state;
  };
  const host = (): LiveFlows => {
    if (live) return live;
    throw new PipewrightError('LIVE_FLOWS_UNAVAILABLE', 'this host runs no triggers, so it has no live flow to pause or resume: pause flows on the server that runs them (`pipewright flows pause FLOW --server URL`)');
  };
  return {
    'flows.live': async () => {
      const states: LiveFlowState[] = [];
      for (const id of flowIds(workspace)) {
        const state = await stateOf(id);
        if (state) states.push(state);
      }
      return states;
    },
    'flows.pause': async ({ flowId }) => {
      await host().pause(flowId);
      return afterChange(flowId);
    },
    'flows.resume': async ({ flowId }) => {
      await host().resume(flowId);
      return afterChange(flowId);
    },
  };
}

function flowIds(workspace: string): string[] {
  let names: string[];
  try {
    names = readdirSync(flowsFolder(workspace));
  } catch {
    return []; // No flows folder yet.
  }
  return names
    .filter((name) => name.endsWith(FLOW_FILE_SUFFIX))
    .map((name) => name.slice(0, -FLOW_FILE_SUFFIX.length))
    .filter((id) => ID_PATTERN.test(id))
    .sort();
}
