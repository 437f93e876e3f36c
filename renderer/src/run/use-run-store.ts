// The React side of the run store: a context carrying it, and hooks that re-render on its changes.
// `useNodeRun` selects one node's state, whose object only changes when that node's state does, so a
// run over a 1,000-node flow re-renders the nodes that moved, not all of them.
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import { idleRun, type NodeRunView, type RunState } from './run-state.js';
import type { RunStore } from './run-store.js';

export const RunStoreContext = createContext<RunStore | undefined>(undefined);

const noSubscription = () => () => undefined;

export function useRunStore(): RunStore | undefined {
  return useContext(RunStoreContext);
}

export function useRunState(): RunState {
  const store = useRunStore();
  const getState = useCallback(() => store?.getState() ?? idleRun, [store]);
  return useSyncExternalStore(store?.subscribe ?? noSubscription, getState, getState);
}

export function useNodeRun(nodeId: string): NodeRunView | undefined {
  const store = useRunStore();
  const getNode = useCallback(() => store?.getState().nodes[nodeId], [store, nodeId]);
  return useSyncExternalStore(store?.subscribe ?? noSubscription, getNode, getNode);
}
