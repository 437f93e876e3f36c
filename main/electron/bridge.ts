// The preload's bridge, kept free of Electron so it can be tested in Node: preload.ts hands it the real
// ipcRenderer. A name outside the contract is refused here already, before anything crosses to main;
// main validates again (it never trusts the page).
import { isMethod } from '../../shared/api/contract.js';
import type { RpcResponse } from '../../shared/api/errors.js';
import type { ApiEvent, EventListener } from '../../shared/api/events.js';
import { PipewrightError } from '../../shared/errors.js';
import { IPC_CHANNELS, type PipewrightBridge } from './channels.js';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createBridge(ipc: IpcRendererLike): PipewrightBridge {
  return {
    async call(method, params) {
      if (!isMethod(method)) {
        return { ok: false, error: new PipewrightError('UNKNOWN_METHOD', `"${String(method)}" is not a Pipewright API method`).toData() };
      }
      try {
        return (await ipc.invoke(IPC_CHANNELS.call, method, params)) as RpcResponse<unknown>;
      } catch (error) {
        // Params that cannot be cloned (a function, a DOM node) fail in invoke itself.
        const reason = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: 'INVALID_PARAMS', message: `the params of ${method} cannot be sent to Pipewright: ${reason}` } };
      }
    },
    onEvent(listener: EventListener) {
      // Only the event reaches the page: never Electron's IpcRendererEvent (it holds `sender`).
      const relay = (_event: unknown, payload: unknown) => listener(payload as ApiEvent);
      ipc.on(IPC_CHANNELS.event, relay);
      return () => {
        ipc.removeListener(IPC_CHANNELS.event, relay);
      };
    },
  };
}
