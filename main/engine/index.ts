// The engine's entry point for hosts (CLI, service, server): `Engine` on a store, `openEngine` for the
// workspace's SQLite store, and the public types.
import { Engine } from './engine.js';
import { SqliteStore } from './store/sqlite/sqlite-store.js';
import type { OpenEngineOptions } from './types.js';

export * from './types.js';
export { Engine } from './engine.js';
export { NodeError, MappingError } from './errors.js';
export { createMappingEvaluator } from './mapping/evaluator.js';
export { createEvaluationPool, createIsolatedMappingEvaluator } from './mapping/isolated-evaluator.js';
export { migratePostgresStore, openPostgresStore, openSqliteStore, type EngineStore, type StoreFactory } from './store/index.js';

/** Opens (creating if needed) `<workspace>/.pipewright/state.db` and recovers work a dead process left. */
export function openEngine(options: OpenEngineOptions): Engine {
  return new Engine(new SqliteStore(options.workspace), options);
}
