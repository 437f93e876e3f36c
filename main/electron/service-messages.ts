// The messages between the main process and the service's utility process (service-host.ts). Both
// sides post plain objects (structured clone); calls are matched to answers by `id`.
import type { Method } from '../../shared/api/contract.js';
import type { RpcResponse } from '../../shared/api/errors.js';
import type { ApiEvent } from '../../shared/api/events.js';
import type { ErrorData } from '../../shared/errors.js';

export type ToService =
  | { type: 'start'; workspace: string }
  | { type: 'call'; id: number; method: Method; params: unknown }
  | { type: 'stop' };

export type FromService =
  | { type: 'ready'; workspace: string }
  | { type: 'start-failed'; error: ErrorData }
  | { type: 'result'; id: number; response: RpcResponse<unknown> }
  | { type: 'event'; event: ApiEvent }
  | { type: 'stopped' };
