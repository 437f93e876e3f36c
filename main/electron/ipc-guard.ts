// The main process's gate for contract calls from the window (DESIGN.md §1): the sender must be the
// app's own main frame, the method must be in the contract and the params must match its schema, all
// before anything reaches the service. Every refusal is the contract's error shape (RpcResponse).
import { isMethod, parseParams, type Method } from '../../shared/api/contract.js';
import { toErrorData, type RpcResponse } from '../../shared/api/errors.js';
import { isAppUrl } from './app-origin.js';

/** Who sent an IPC message, as Electron's IpcMainInvokeEvent tells it. */
export interface IpcSender {
  /** `event.senderFrame?.url`; undefined when the frame is gone. */
  frameUrl: string | undefined;
  /** `event.senderFrame === event.sender.mainFrame`: sub-frames never speak for the app. */
  isMainFrame: boolean;
}

/** Forwards a checked call to the service (the utility process) and returns its answer. */
export type Relay = (method: Method, params: unknown) => Promise<RpcResponse<unknown>>;

export function isTrustedSender(sender: IpcSender): boolean {
  return sender.isMainFrame && isAppUrl(sender.frameUrl);
}

export async function handleCall(sender: IpcSender, method: unknown, rawParams: unknown, relay: Relay): Promise<RpcResponse<unknown>> {
  if (!isTrustedSender(sender)) {
    return { ok: false, error: { code: 'FORBIDDEN', message: `calls are accepted only from the Pipewright designer, not from ${sender.frameUrl ?? 'an unknown frame'}` } };
  }
  if (!isMethod(method)) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `"${String(method)}" is not a Pipewright API method` } };
  }
  let params: unknown;
  try {
    params = parseParams(method, rawParams);
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
  try {
    return await relay(method, params);
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}
