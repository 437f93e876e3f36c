// flows.live — the workspace's flows as a server runs them (DESIGN.md §4 "Live flows", §8): each valid
// flow's newest version and trigger types, and for each live one the version its triggers feed and the
// live run. The version is the engine's registration of the file's content, as LiveFlows and
// bundles.import take it (identical content keeps its version, so asking records nothing new unless
// the file changed). Invalid files are left out: flows.list shows them with their problems.
import { readdirSync } from 'node:fs';
import type { LiveFlowHandlers, LiveFlowState } from '../../shared/api/live-flows.js';
import { getNodeKind } from '../../shared/catalog/index.js';
import { ID_PATTERN } from '../../shared/flow/schema.js';
import type { Engine } from '../engine/types.js';
import { FLOW_FILE_SUFFIX, flowsFolder } from '../workspace/flow-paths.js';
import { loadSavedFlow } from '../workspace/runnable-flow.js';
import type { LiveFlows } from './live-flows.js';

/** `live` is the host's LiveFlows; without one (a host serving no triggers) no flow is live. */
export function createLiveFlowHandlers(workspace: string, engine: Engine, live: LiveFlows | undefined): LiveFlowHandlers {
  return {
    'flows.live': async () => {
      const states: LiveFlowState[] = [];
      for (const id of flowIds(workspace)) {
        let saved: ReturnType<typeof loadSavedFlow>;
        try {
          saved = loadSavedFlow(workspace, id);
        } catch {
          continue;
        }
        const { version } = await engine.registerFlow(saved.flow, saved.flowPath);
        const triggers = [...new Set(saved.flow.nodes.filter((node) => getNodeKind(node.type)?.isTrigger === true).map((node) => node.type))].sort();
        const activation = live?.activation(id);
        states.push({ flowId: id, version, triggers, ...(activation ? { live: { version: activation.version, runId: activation.runId } } : {}) });
      }
      return states;
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
