// The React side of the canvas store: a context carrying the store and a hook that re-renders on its
// changes through useSyncExternalStore (the store itself knows nothing of React).
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { FlowSnapshot, FlowStore } from './store.js';

export const FlowStoreContext = createContext<FlowStore | undefined>(undefined);

export function useFlowStore(): FlowStore {
  const store = useContext(FlowStoreContext);
  if (!store) throw new Error('useFlowStore needs a FlowStoreContext provider');
  return store;
}

export function useFlowSnapshot(): FlowSnapshot {
  const store = useFlowStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
