// The designer's desktop transport of the contract (DESIGN.md §1): the Electron preload's
// `window.pipewright` bridge (main/electron/preload.ts). Every call answers the contract's RpcResponse
// (errors cannot cross Electron's context bridge with their code and problems), which this client turns
// back into a result or a PipewrightError, exactly as the HTTP client does.
import { fromErrorData, type EventListener, type Method, type Params, type Result } from '../../../shared/api/index.js';
import type { RpcResponse } from '../../../shared/api/errors.js';
import { PipewrightError } from '../../../shared/errors.js';
import type { ApiClient } from './client.js';

/** What the preload exposes; main/electron/channels.ts `PipewrightBridge` has the same shape. */
export interface IpcBridge {
  call(method: string, params: unknown): Promise<RpcResponse<unknown>>;
  onEvent(listener: EventListener): () => void;
}

/** The bridge when this page runs in the desktop app, else undefined (a browser: use HTTP). */
export function findIpcBridge(scope: object = globalThis): IpcBridge | undefined {
  const candidate = (scope as { pipewright?: Partial<IpcBridge> }).pipewright;
  return typeof candidate?.call === 'function' && typeof candidate.onEvent === 'function' ? (candidate as IpcBridge) : undefined;
}

export function createIpcClient(bridge: IpcBridge): ApiClient {
  return {
    async send<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
      const response: unknown = await bridge.call(method, params ?? {});
      if (isResponse(response)) {
        if (response.ok) return response.result as Result<M>;
        throw fromErrorData(response.error);
      }
      throw new PipewrightError('BAD_RESPONSE', `The desktop app answered ${method} with something that is not a Pipewright response.`);
    },
    subscribe(listener) {
      return bridge.onEvent(listener);
    },
  };
}

function isResponse(value: unknown): value is RpcResponse<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { ok?: unknown; result?: unknown; error?: { code?: unknown; message?: unknown } };
  if (candidate.ok === true) return 'result' in candidate;
  return candidate.ok === false && typeof candidate.error?.code === 'string' && typeof candidate.error.message === 'string';
}
