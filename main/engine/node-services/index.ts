// What a node gets beyond its message (DESIGN.md §3 "what it needs … it gets from the node context"):
// mapping, credentials, key-value state, timers, the file policy and database connections. The engine
// builds one set per open engine; ../execute-batch.ts turns it into each step's NodeContext.
import type { KeyValueStore } from '../store/types.js';
import type { ConnectionProvider, CredentialProvider, FilePolicy, MappingEvaluator } from '../types.js';

export interface NodeServices {
  mapping: MappingEvaluator;
  credentials: CredentialProvider | undefined;
  files: FilePolicy;
  connections: ConnectionProvider | undefined;
  /** Committed key-value state, read through the batch's own writes (see ../node-state.ts). */
  keyValue: KeyValueStore;
}

export { createFilePolicy } from './file-policy.js';
export { createConnectionProvider } from './connections.js';
