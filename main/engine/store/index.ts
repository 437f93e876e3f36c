// The engine's stores: the interface (./types.ts) and its implementations. SQLite is the default;
// a second store implements the same interface and passes the same conformance suite
// (test/integration/engine/conformance/).
import { PostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { EngineStore } from './types.js';

export type * from './types.js';

/** The workspace's SQLite store: `<workspace>/.pipewright/state.db`, created and migrated on first use. */
export async function openSqliteStore(workspace: string): Promise<EngineStore> {
  return new SqliteStore(workspace);
}

/**
 * A PostgreSQL store (`postgres://user:password@host/db`), shared by every process given the same URL;
 * the schema is created and migrated on first use (DESIGN.md §8).
 */
export function openPostgresStore(url: string, options?: PostgresStoreOptions): Promise<EngineStore> {
  return PostgresStore.open(url, options);
}

/** Creates or migrates a PostgreSQL state database's schema; the versions it now has (`pipewright db migrate`). */
export function migratePostgresStore(url: string): Promise<number[]> {
  return PostgresStore.migrate(url);
}
