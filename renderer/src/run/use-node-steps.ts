// Loads one node's steps of a run for the run panel, again whenever that node's counts change (so a
// running node's list fills in) and never showing an answer for a node or run no longer selected.
import { useEffect, useState } from 'react';
import type { RunStore } from './run-store.js';
import { stepViews, type StepView } from './step-view.js';

export interface NodeSteps {
  loading: boolean;
  steps?: StepView[];
  error?: string;
}

export function useNodeSteps(store: RunStore | undefined, runId: string | undefined, nodeId: string | undefined, version: string): NodeSteps {
  const [result, setResult] = useState<NodeSteps & { key?: string }>({ loading: false });
  const key = runId !== undefined && nodeId !== undefined ? `${runId}\n${nodeId}` : undefined;

  useEffect(() => {
    if (!store || runId === undefined || nodeId === undefined) return;
    let current = true;
    setResult((previous) => ({ ...(previous.key === `${runId}\n${nodeId}` ? previous : {}), loading: true, key: `${runId}\n${nodeId}` }));
    store
      .steps(runId, nodeId)
      .then((answer) => current && setResult({ loading: false, steps: stepViews(answer.steps ?? []), key: `${runId}\n${nodeId}` }))
      .catch((error: unknown) => current && setResult({ loading: false, error: error instanceof Error ? error.message : String(error), key: `${runId}\n${nodeId}` }));
    return () => {
      current = false;
    };
  }, [store, runId, nodeId, version]);

  return key !== undefined && result.key === key ? result : { loading: key !== undefined };
}
