// Key-value state for nodes (ctx.state, ctx.store(name)): reads see the committed value, or what an
// earlier step of the same batch (or this step) wrote; writes are collected per step and committed
// with it (../commit.ts), so a step that fails or is repeated after a crash changes no state.
import type { KeyValueStore, StateWrite } from './store/types.js';
import type { NodeState } from './types.js';

/** Store name of a node's own state: `~` cannot start a store name a flow gives, so no clash. */
export function ownStateStore(flowId: string, nodeId: string): string {
  return `~node/${flowId}/${nodeId}`;
}

/** The writes of a batch's finished steps, visible to the steps after them. */
export class BatchState {
  private readonly written = new Map<string, string | null>();

  constructor(private readonly committed: KeyValueStore) {}

  async read(store: string, key: string, own: ReadonlyMap<string, string | null>): Promise<unknown> {
    const id = `${store}\u0000${key}`;
    const text = own.has(id) ? own.get(id) : this.written.has(id) ? this.written.get(id) : await this.committed.get(store, key);
    return text === null || text === undefined ? undefined : (JSON.parse(text) as unknown);
  }

  /** A step succeeded: later steps of the batch see its writes. */
  apply(writes: ReadonlyArray<StateWrite>): void {
    for (const write of writes) this.written.set(`${write.store}\u0000${write.key}`, write.value);
  }
}

/** One step's view of one store; its writes land in `writes` (in order) and in `own` (latest per key). */
export function stepState(batch: BatchState, store: string, writes: StateWrite[], own: Map<string, string | null>): NodeState {
  const record = (key: string, value: string | null): void => {
    writes.push({ store, key, value });
    own.set(`${store}\u0000${key}`, value);
  };
  return {
    get: (key) => batch.read(store, key, own),
    put: (key, value) => record(key, JSON.stringify(value) ?? 'null'),
    delete: (key) => record(key, null),
  };
}
