// The client side of the contract: one typed `send` whatever the transport (Electron IPC, HTTP, or the
// in-memory transport below for component tests built from a partial service).
import { PipewrightError } from '../errors.js';
import { parseParams, type Handlers, type Method, type Params, type Result } from './contract.js';
import type { EventListener } from './events.js';

export type Send = <M extends Method>(method: M, params: Params<M>) => Promise<Result<M>>;

export interface Transport {
  send: Send;
  /** Calls `listener` for every event until the returned function is called. */
  subscribe(listener: EventListener): () => void;
}

/**
 * A transport over handlers in the same process: params are validated like the real transports do,
 * a method the partial service lacks fails with NOT_IMPLEMENTED. `emit` feeds events to subscribers.
 */
export function createInMemoryTransport(handlers: Partial<Handlers>): Transport & { emit: EventListener } {
  const listeners = new Set<EventListener>();
  const send = async <M extends Method>(method: M, params: Params<M>): Promise<Result<M>> => {
    // A JSON round-trip, as on the wire: nothing may depend on sharing objects with the service.
    const checked = parseParams(method, JSON.parse(JSON.stringify(params ?? {})) as unknown);
    const handler = handlers[method] as ((params: Params<M>) => Promise<Result<M>>) | undefined;
    if (!handler) throw new PipewrightError('NOT_IMPLEMENTED', `${method} is not implemented by this service`);
    const result = await handler(checked);
    return (result === undefined ? result : JSON.parse(JSON.stringify(result))) as Result<M>;
  };
  return {
    send,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      for (const listener of listeners) listener(event);
    },
  };
}
