// The connection state for the app (./connection-monitor.ts): for a designer served over HTTP, a
// monitor that checks the server's health and hears about every call; the client handed back is the
// one to use, so failed calls count. In the desktop app (IPC) or offline there is no server to lose.
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ApiClient } from '../api/client.js';
import { findIpcBridge } from '../api/ipc-client.js';
import { checkServerHealth, createConnectionMonitor, watchCalls, type ConnectionState } from './connection-monitor.js';

export function useConnection(client: ApiClient | undefined): { client: ApiClient | undefined; state: ConnectionState | undefined } {
  const monitor = useMemo(() => (client && !findIpcBridge() ? createConnectionMonitor({ check: () => checkServerHealth() }) : undefined), [client]);
  useEffect(() => {
    monitor?.start();
    return () => monitor?.stop();
  }, [monitor]);
  const watched = useMemo(() => (client && monitor ? watchCalls(client, monitor) : client), [client, monitor]);
  const state = useSyncExternalStore(monitor?.subscribe ?? noSubscription, monitor?.getState ?? noState);
  return { client: watched, state };
}

const noSubscription = () => () => undefined;
const noState = () => undefined;
