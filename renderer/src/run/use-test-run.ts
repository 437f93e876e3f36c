// The app's test run: one run store per connection, the Run action on the open document, and a clean
// slate whenever another flow is loaded into the canvas (old badges would describe other nodes).
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ApiClient } from '../api/client.js';
import type { FlowStore } from '../canvas/store.js';
import type { RunState } from './run-state.js';
import { createRunStore, type RunStore } from './run-store.js';

export interface TestRun {
  store: RunStore;
  state: RunState;
  run: () => void;
}

export function useTestRun(client: ApiClient | undefined, flowStore: FlowStore): TestRun {
  const store = useMemo(() => createRunStore(client), [client]);
  useEffect(() => () => store.dispose(), [store]);
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState);

  useEffect(() => {
    let generation = flowStore.getSnapshot().generation;
    return flowStore.subscribe(() => {
      const next = flowStore.getSnapshot().generation;
      if (next === generation) return;
      generation = next;
      store.clear();
    });
  }, [flowStore, store]);

  const run = useCallback(() => void store.start(flowStore.getSnapshot().doc), [store, flowStore]);
  return { store, state, run };
}
