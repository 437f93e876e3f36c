// The engine's entry point for hosts (CLI, service, server): `openEngine` and the public types.
import { SqliteEngine } from './engine.js';
import type { Engine, OpenEngineOptions } from './types.js';

export * from './types.js';
export { NodeError, MappingError } from './errors.js';
export { createMappingEvaluator } from './mapping/evaluator.js';

/** Opens (creating if needed) `<workspace>/.pipewright/state.db` and recovers work a dead process left. */
export function openEngine(options: OpenEngineOptions): Engine {
  return new SqliteEngine(options);
}
