// The app's test run: one run store per connection, the Run action on the open document, and a clean
// slate whenever another flow is loaded into the canvas (old badges would describe other nodes) — then
// the last test run of the flow just loaded, if the browser remembers one, is shown again.
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ApiClient } from '../api/client.js';
import type { FlowStore } from '../canvas/store.js';
import { createLastRuns, type KeyValueStorage } from './last-runs.js';
import type { RunState } from './run-state.js';
import { createRunStore, type TestRunStore } from './run-store.js';

export interface TestRun {
  store: TestRunStore;
  state: RunState;
  run: () => void;
}

export function useTestRun(client: ApiClient | undefined, flowStore: FlowStore): TestRun {
  const store = useMemo(() => createRunStore(client, createLastRuns(browserStorage())), [client]);
  useEffect(() => () => store.dispose(), [store]);
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState);

  useEffect(() => {
    let generation = flowStore.getSnapshot().generation;
    // Generation 0 is the empty canvas before any flow was loaded.
    if (generation > 0) void store.restore(flowStore.getSnapshot().doc.id);
    return flowStore.subscribe(() => {
      const next = flowStore.getSnapshot().generation;
      if (next === generation) return;
      generation = next;
      store.clear();
      void store.restore(flowStore.getSnapshot().doc.id);
    });
  }, [flowStore, store]);

  const run = useCallback(() => void store.start(flowStore.getSnapshot().doc), [store, flowStore]);
  return { store, state, run };
}

/** localStorage, unless the browser forbids it (some privacy settings throw on the mere access). */
function browserStorage(): KeyValueStorage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
