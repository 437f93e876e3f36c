// The IPC names of the desktop transport (DESIGN.md §1 "One contract, two transports"). There is one
// invoke channel for every contract call (the method name travels as data and is checked against the
// contract's `methodNames`) and one channel for the service's events: no method is ever a channel.
import type { RpcResponse } from '../../shared/api/errors.js';
import type { EventListener } from '../../shared/api/events.js';

export const IPC_CHANNELS = {
  /** renderer → main: `invoke(call, method, params)` answers an RpcResponse. */
  call: 'pipewright:call',
  /** main → renderer: one ApiEvent per message. */
  event: 'pipewright:event',
} as const;

/** The global the preload defines in the page: `window.pipewright`. */
export const BRIDGE_GLOBAL = 'pipewright';

/**
 * What the page sees. `call` never rejects: errors arrive as `{ ok: false, error }` because an Error
 * crossing the context bridge keeps only its message, and the designer needs the code and problems.
 */
export interface PipewrightBridge {
  call(method: string, params: unknown): Promise<RpcResponse<unknown>>;
  /** Calls `listener` for every service event until the returned function is called. */
  onEvent(listener: EventListener): () => void;
}
