// An in-memory client for component tests and demos: the contract served by a partial set of
// handlers in the same process (a missing method fails with NOT_IMPLEMENTED), with `emit` to push
// events as the server would. Built on the contract's own in-memory transport so params are
// validated and results JSON round-tripped exactly as over the wire.
import { createInMemoryTransport, type EventListener, type Handlers } from '../../../shared/api/index.js';
import type { ApiClient } from './client.js';

export type MemoryClient = ApiClient & { emit: EventListener };

export function createMemoryClient(handlers: Partial<Handlers> = {}): MemoryClient {
  return createInMemoryTransport(handlers);
}
