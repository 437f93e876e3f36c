// The React side of the credential store: a context carrying it and a hook that re-renders on changes.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { CredentialsState, CredentialStore } from './credential-store.js';

export const CredentialStoreContext = createContext<CredentialStore | undefined>(undefined);

/** The store, or undefined where none is provided (component tests of other panels). */
export function useCredentialStore(): CredentialStore | undefined {
  return useContext(CredentialStoreContext);
}

const idle: CredentialsState = { phase: 'idle', items: [], dialog: { open: false, create: false } };
const noop = () => () => undefined;

export function useCredentials(store: CredentialStore | undefined): CredentialsState {
  return useSyncExternalStore(store?.subscribe ?? noop, store?.getSnapshot ?? (() => idle), store?.getSnapshot ?? (() => idle));
}
