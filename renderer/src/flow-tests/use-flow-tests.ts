// The flow tests of the open flow as React sees them: one store per connection, cleared whenever
// another flow is loaded into the canvas (old results would describe another flow's tests).
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ApiClient } from '../api/client.js';
import type { FlowStore } from '../canvas/store.js';
import { createFlowTestsStore, type FlowTestsState } from './flow-tests-store.js';

export interface FlowTests {
  state: FlowTestsState;
  /** Runs every test of the open document, or only the one called `only`. */
  run: (only?: string) => void;
  open: () => void;
  close: () => void;
}

export function useFlowTests(client: ApiClient | undefined, flowStore: FlowStore): FlowTests {
  const store = useMemo(() => createFlowTestsStore(client), [client]);
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

  const run = useCallback((only?: string) => void store.run(flowStore.getSnapshot().doc, only), [store, flowStore]);
  const open = useCallback(() => store.open(), [store]);
  const close = useCallback(() => store.close(), [store]);
  return { state, run, open, close };
}
