// The open flow in the app: the canvas store, the flows session (./../flows/flow-session.ts: open,
// save with revision, create, rename, duplicate, delete) bound to the address (`#/flows/<id>`, so a
// reload opens the same flow), its dialogs, and the browser's warning before unsaved changes go away.
import { useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { ApiClient } from '../api/client.js';
import { createFlowStore, type FlowStore } from '../canvas/store.js';
import type { FlowFields } from '../flows/flow-dialog.js';
import { createFlowSession, emptyFlow, flowIdFromHash, type FlowLocation, type FlowSession as Session, type SessionState, type StatusMessage } from '../flows/flow-session.js';
import { useFlowDialogs } from '../flows/use-flow-dialogs.js';

export type { StatusMessage };
export { emptyFlow, flowIdFromHash };

export interface FlowSession {
  store: FlowStore;
  session: Session;
  state: SessionState;
  status: StatusMessage | undefined;
  loading: boolean;
  save: () => Promise<void>;
  askFields(title: string, submit: string, initial: FlowFields): Promise<FlowFields | undefined>;
  /** The open dialog, if any: render it somewhere in the app. */
  dialog: ReactNode;
}

const hashLocation: FlowLocation = {
  read: () => flowIdFromHash(window.location.hash),
  write: (id) => {
    const url = id === undefined ? `${window.location.pathname}${window.location.search}` : `#/flows/${id}`;
    if (flowIdFromHash(window.location.hash) !== id) window.history.replaceState(null, '', url);
  },
};

export function useFlowSession(client: ApiClient | undefined): FlowSession {
  const store = useMemo(() => createFlowStore(emptyFlow()), []);
  const dialogs = useFlowDialogs();
  const { prompts } = dialogs;
  const session = useMemo(() => createFlowSession({ client, store, prompts, location: hashLocation }), [client, store, prompts]);
  const state = useSyncExternalStore(session.subscribe, session.getState, session.getState);

  useEffect(() => {
    void session.start();
    const onHashChange = () => void session.openFromLocation();
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [session]);

  // Unsaved changes are never lost silently: the browser asks before the page goes away.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (store.getSnapshot().dirty) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [store]);

  const save = useMemo(() => async () => void (await session.save()), [session]);
  return { store, session, state, status: state.status, loading: state.loading, save, askFields: dialogs.askFields, dialog: dialogs.dialog };
}
