// Stand-ins of a test run (a flow test's `standIns`, DESIGN.md §2): a node that reaches outside (an
// API, a database, a file) is not run in the test; it emits the payloads the test gives, on `out`, for
// each message it receives. They are stored with the run in the state database, so a test run resumed
// later, or driven by another worker of a shared store, still never calls the real system.
import { PipewrightError } from '../../shared/errors.js';
import { DEFAULT_PORT } from '../../shared/flow/schema.js';
import type { PlannedNode, RunPlan } from './run-plan.js';
import type { KeyValueStore, StateWrite } from './store/types.js';
import type { NodeExecutor } from './types.js';

export type StandIns = Readonly<Record<string, ReadonlyArray<unknown>>>;

/** A store name a flow cannot give (`~` starts none), beside the test run's own copies of the named stores. */
function standInStore(runId: string): string {
  return `~test/${runId}/~stand-ins`;
}
const STAND_IN_KEY = 'nodes';

/** Checks the stand-ins against the plan: only for test runs, only for nodes that run. */
export function checkStandIns(plan: RunPlan, standIns: StandIns, kind: string): void {
  if (kind !== 'test') throw new PipewrightError('USAGE', `stand-ins replace nodes in test runs only, not in a run of kind "${kind}"`);
  for (const nodeId of Object.keys(standIns)) {
    const planned = plan.nodes.get(nodeId);
    if (!planned) throw new PipewrightError('UNKNOWN_TEST_NODE', `a stand-in for "${nodeId}", which is not a node of flow "${plan.flow.id}"`);
    if (planned.isTrigger) throw new PipewrightError('STAND_IN_FOR_TRIGGER', `a stand-in for "${nodeId}", which is a trigger; give a trigger's messages as the test's input instead`);
  }
}

/** The write that stores a run's stand-ins, committed with the run itself. */
export function standInWrite(runId: string, standIns: StandIns): StateWrite {
  return { store: standInStore(runId), key: STAND_IN_KEY, value: JSON.stringify(standIns) };
}

export async function readStandIns(keyValue: KeyValueStore, runId: string): Promise<StandIns | undefined> {
  const text = await keyValue.get(standInStore(runId), STAND_IN_KEY);
  return text === undefined ? undefined : (JSON.parse(text) as StandIns);
}

/** The plan with each stood-in node's executor replaced; every other node is the plan's own. */
export function withStandIns(plan: RunPlan, standIns: StandIns): RunPlan {
  const nodes = new Map<string, PlannedNode>();
  for (const [id, planned] of plan.nodes) {
    const payloads = standIns[id];
    nodes.set(id, payloads === undefined ? planned : { ...planned, executor: standInExecutor(planned.executor.type, payloads), concurrency: 1 });
  }
  return { ...plan, nodes, drainOrder: plan.drainOrder.map((planned) => nodes.get(planned.node.id) as PlannedNode) };
}

function standInExecutor(type: string, payloads: ReadonlyArray<unknown>): NodeExecutor {
  return {
    type,
    execute: () => Promise.resolve(payloads.map((payload) => ({ port: DEFAULT_PORT, payload: structuredClone(payload) }))),
  };
}
