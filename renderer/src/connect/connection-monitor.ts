// Whether the designer can reach its server right now: a cheap periodic check (GET /api/health, which
// needs no token and answers even when the store is degraded) plus what every contract call learns on
// its way (a call that cannot reach the server says so at once; any answer says it is there). Plain
// TypeScript, so its timing is tested without a DOM; ./use-connection.ts puts it behind React.
import { PipewrightError } from '../../../shared/errors.js';
import type { Method, Params, Result } from '../../../shared/api/index.js';
import type { ApiClient } from '../api/client.js';

export type ConnectionState = 'connected' | 'disconnected';

export interface ConnectionMonitorOptions {
  /** Resolves true when the server answered at all, false (or rejects) when it cannot be reached. */
  check: () => Promise<boolean>;
  /** Between checks while connected. */
  everyMs?: number;
  /** Between checks while disconnected: sooner, so "reconnected" shows soon after the server is back. */
  retryMs?: number;
}

export type ConnectionMonitor = ReturnType<typeof createConnectionMonitor>;

export function createConnectionMonitor({ check, everyMs = 3000, retryMs = 1500 }: ConnectionMonitorOptions) {
  let state: ConnectionState = 'connected';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  const listeners = new Set<() => void>();

  const set = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const listener of [...listeners]) listener();
  };

  const schedule = () => {
    if (!running) return;
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), state === 'connected' ? everyMs : retryMs);
  };

  const tick = async () => {
    let reachable: boolean;
    try {
      reachable = await check();
    } catch {
      reachable = false;
    }
    set(reachable ? 'connected' : 'disconnected');
    schedule();
  };

  return {
    getState: (): ConnectionState => state,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start(): void {
      if (running) return;
      running = true;
      schedule();
    },
    stop(): void {
      running = false;
      clearTimeout(timer);
    },
    /** A call reached the server (whatever it answered). */
    reached(): void {
      set('connected');
    },
    /** A call could not reach the server: disconnected now, and the next check comes at the retry pace. */
    unreachable(): void {
      set('disconnected');
      schedule();
    },
  };
}

/** `client` with every call reported to `monitor`: NETWORK failures as unreachable, anything else as reached. */
export function watchCalls(client: ApiClient, monitor: Pick<ConnectionMonitor, 'reached' | 'unreachable'>): ApiClient {
  const send = async <M extends Method>(method: M, params: Params<M>): Promise<Result<M>> => {
    try {
      const result = await client.send(method, params);
      monitor.reached();
      return result;
    } catch (error) {
      if (error instanceof PipewrightError && error.code === 'NETWORK') monitor.unreachable();
      else monitor.reached();
      throw error;
    }
  };
  return { send, subscribe: (listener) => client.subscribe(listener) };
}

/** The server's health route answers without a token; any HTTP answer means the server is there. */
export async function checkServerHealth(baseUrl = ''): Promise<boolean> {
  try {
    await fetch(`${baseUrl}/api/health`);
    return true;
  } catch {
    return false;
  }
}
