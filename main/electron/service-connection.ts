// Main's side of the utility process: starts the service on a workspace, relays calls (matched to
// answers by id) and events. Written against a small `ServiceProcess` interface so tests drive it with
// the real runtime in-process; index.ts hands it Electron's UtilityProcess.
import type { Method } from '../../shared/api/contract.js';
import type { RpcResponse } from '../../shared/api/errors.js';
import type { EventListener } from '../../shared/api/events.js';
import { asErrorCode, PipewrightError, type ErrorData } from '../../shared/errors.js';
import type { FromService, ToService } from './service-messages.js';

/** The part of Electron's UtilityProcess the connection uses. */
export interface ServiceProcess {
  postMessage(message: ToService): void;
  on(event: 'message', listener: (message: FromService) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface ServiceConnection {
  readonly workspace: string;
  call(method: Method, params: unknown): Promise<RpcResponse<unknown>>;
  /** Closes the engine (runs stay resumable) and ends the process. Idempotent. */
  stop(): Promise<void>;
}

export interface ConnectOptions {
  workspace: string;
  onEvent: EventListener;
  /** The process ended without being asked to (a crash); calls in flight have failed already. */
  onUnexpectedExit?: (code: number) => void;
  /** How long stop() waits for the engine to close before killing the process. */
  stopTimeoutMs?: number;
}

export const SERVICE_STOPPED = 'SERVICE_STOPPED';

/** Starts the service in `child` on `options.workspace`; rejects with the service's error if it cannot. */
export function connectService(child: ServiceProcess, options: ConnectOptions): Promise<ServiceConnection> {
  const pending = new Map<number, (response: RpcResponse<unknown>) => void>();
  let nextId = 1;
  let exited = false;
  /** Set when this side ends the process (failed start, stop): its exit is then no surprise. */
  let endedByUs = false;
  let stopping: Promise<void> | undefined;
  let onStopped: (() => void) | undefined;
  let settleStart: ((error?: ErrorData) => void) | undefined;

  const failPending = (error: ErrorData): void => {
    for (const resolve of pending.values()) resolve({ ok: false, error });
    pending.clear();
  };

  child.on('message', (message: FromService) => {
    switch (message.type) {
      case 'ready':
        settleStart?.();
        break;
      case 'start-failed':
        settleStart?.(message.error);
        break;
      case 'result':
        pending.get(message.id)?.(message.response);
        pending.delete(message.id);
        break;
      case 'event':
        options.onEvent(message.event);
        break;
      case 'stopped':
        onStopped?.();
        break;
    }
  });
  child.on('exit', (code: number) => {
    exited = true;
    const error = { code: SERVICE_STOPPED, message: `the Pipewright engine stopped (exit code ${code}); reopen the workspace to continue` };
    failPending(error);
    settleStart?.(error);
    onStopped?.();
    if (!endedByUs && !stopping) options.onUnexpectedExit?.(code);
  });

  const connection: ServiceConnection = {
    workspace: options.workspace,
    call(method, params) {
      if (exited || stopping) return Promise.resolve({ ok: false, error: { code: SERVICE_STOPPED, message: 'the Pipewright engine for this workspace has stopped' } });
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        child.postMessage({ type: 'call', id, method, params });
      });
    },
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        if (exited) return resolve();
        const timer = setTimeout(() => onStopped?.(), options.stopTimeoutMs ?? 10_000);
        onStopped = () => {
          clearTimeout(timer);
          onStopped = undefined;
          failPending({ code: SERVICE_STOPPED, message: 'the workspace was closed' });
          if (!exited) child.kill();
          resolve();
        };
        child.postMessage({ type: 'stop' });
      });
      return stopping;
    },
  };

  return new Promise((resolve, reject) => {
    settleStart = (error) => {
      settleStart = undefined;
      if (error === undefined) {
        resolve(connection);
        return;
      }
      endedByUs = true;
      if (!exited) child.kill();
      reject(new PipewrightError(asErrorCode(error.code), error.message, error.problems ? { problems: error.problems } : {}));
    };
    child.postMessage({ type: 'start', workspace: options.workspace });
  });
}
