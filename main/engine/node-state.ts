// Key-value state for nodes (ctx.state, ctx.store(name)): reads see the committed value, or what an
// earlier step of the same batch (or this step) wrote; writes are collected per step and committed
// with it (../commit.ts), so a step that fails or is repeated after a crash changes no state.
import type { PlannedNode, RunPlan } from './run-plan.js';
import type { KeyValueStore, StateWrite } from './store/types.js';
import type { NodeState } from './types.js';

/**
 * Store name of a node's own state, per run: a window or a batch belongs to the run that collected it
 * (a CSV file's run groups its own rows; a live version's run its own messages, flushed when it ends).
 * `~` cannot start a store name a flow gives, so no clash.
 */
export function ownStateStore(flowId: string, runId: string, nodeId: string): string {
  return `~node/${flowId}/${runId}/${nodeId}`;
}

/**
 * The store a node names, as this run sees it: a test run (pipewright test, the designer's Run tests
 * and test runs) gets its own copy, empty at its start, so tests neither read nor change the stores
 * that real runs keep, and give the same result every time.
 */
export function namedStore(name: string, runId: string, isTestRun: boolean): string {
  return isTestRun ? `~test/${runId}/${name}` : name;
}

/** The writes of a batch's finished steps, visible to the steps after them. */
export class BatchState {
  private readonly written = new Map<string, StateWrite>();

  constructor(private readonly committed: KeyValueStore) {}

  async read(store: string, key: string, own: ReadonlyMap<string, StateWrite>): Promise<unknown> {
    const id = `${store}\u0000${key}`;
    const write = own.get(id) ?? this.written.get(id);
    const text = write === undefined ? await this.committed.get(store, key) : live(write);
    return text === null || text === undefined ? undefined : (JSON.parse(text) as unknown);
  }

  /** A step succeeded: later steps of the batch see its writes. */
  apply(writes: ReadonlyArray<StateWrite>): void {
    for (const write of writes) this.written.set(`${write.store}\u0000${write.key}`, write);
  }
}

function live(write: StateWrite): string | null {
  return write.expiresAt !== undefined && write.expiresAt <= Date.now() ? null : write.value;
}

/** One step's view of one store; its writes land in `writes` (in order) and in `own` (latest per key). */
export function stepState(batch: BatchState, store: string, writes: StateWrite[], own: Map<string, StateWrite>): NodeState {
  const record = (write: StateWrite): void => {
    writes.push(write);
    own.set(`${store}\u0000${write.key}`, write);
  };
  return {
    get: (key) => batch.read(store, key, own),
    put: (key, value, options) => {
      const write: StateWrite = { store, key, value: JSON.stringify(value) ?? 'null' };
      if (options?.ttlMs !== undefined) write.expiresAt = Date.now() + options.ttlMs;
      record(write);
    },
    delete: (key) => record({ store, key, value: null }),
  };
}

/**
 * Kinds whose steps read or write key-value state (ctx.state, ctx.store) or set timers. A kind whose
 * executor has `onTimer` counts too: its windows are state.
 */
const STATEFUL_KINDS = new Set(['transform.aggregate', 'store.get', 'store.put']);

function holdsState(node: PlannedNode): boolean {
  return STATEFUL_KINDS.has(node.node.type) || node.executor.onTimer !== undefined;
}

/**
 * The exclusive-claim key of every node whose batch may touch state (docs/scale-out.md "Stateful
 * steps"): processes sharing a run claim such batches one at a time per key, so two of them never read
 * the same window or store entry and both write it. A pure node runs fused with its upstream's batch
 * (./execute-batch.ts), so a node and the pure nodes it feeds form one group: a batch of any of them may
 * run every stateful node of the group. The key is the group's smallest node id, the same in every
 * process that plans the flow version. Nodes of groups without state get none and claim freely.
 */
export function exclusiveClaimKeys(plan: RunPlan): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    // Path compression keeps a 100,000-node chain linear.
    for (let at = id; at !== root; ) {
      const next = parent.get(at) as string;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  for (const id of plan.nodes.keys()) parent.set(id, id);
  for (const node of plan.nodes.values()) {
    for (const target of node.downstream) {
      if (plan.nodes.get(target)?.pure !== true) continue;
      const a = find(node.node.id);
      const b = find(target);
      // Linking the larger root under the smaller keeps each group's root its smallest id.
      if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
    }
  }
  const stateful = new Set<string>();
  for (const node of plan.nodes.values()) if (holdsState(node)) stateful.add(find(node.node.id));
  const keys = new Map<string, string>();
  for (const id of plan.nodes.keys()) {
    const root = find(id);
    if (stateful.has(root)) keys.set(id, root);
  }
  return keys;
}
