// The engine's stores: the interface (./types.ts) and its implementations. SQLite is the default;
// a second store implements the same interface and passes the same conformance suite
// (test/integration/engine/conformance/).
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { EngineStore } from './types.js';

export type * from './types.js';

/** The workspace's SQLite store: `<workspace>/.pipewright/state.db`, created and migrated on first use. */
export async function openSqliteStore(workspace: string): Promise<EngineStore> {
  return new SqliteStore(workspace);
}
