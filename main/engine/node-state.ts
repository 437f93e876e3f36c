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
