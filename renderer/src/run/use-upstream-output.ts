// What the node feeding the selected node emitted in the last finished test run, so the mapping editor
// can offer it as the selected node's sample ("Use upstream output from last run").
import { useEffect, useState } from 'react';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import type { UpstreamOutput } from '../mapping/mapping-panel.js';
import type { RunStore } from './run-store.js';
import { soleUpstream } from './upstream.js';

export type UpstreamForNode = UpstreamOutput & { nodeId: string };

export function useUpstreamOutput(
  store: RunStore | undefined,
  runId: string | undefined,
  finished: boolean,
  doc: FlowDocument,
  nodeId: string | undefined,
): UpstreamForNode | undefined {
  const fromNodeId = nodeId === undefined ? undefined : soleUpstream(doc, nodeId);
  const [found, setFound] = useState<UpstreamForNode | undefined>(undefined);

  useEffect(() => {
    setFound(undefined);
    if (!store || !finished || runId === undefined || nodeId === undefined || fromNodeId === undefined) return;
    let current = true;
    store
      .steps(runId, fromNodeId)
      .then((answer) => {
        const payloads = answer.emitted ?? [];
        if (current && payloads.length > 0) setFound({ nodeId, fromNodeId, payloads });
      })
      .catch(() => undefined); // No upstream sample is offered when the run's steps cannot be read.
    return () => {
      current = false;
    };
  }, [store, runId, finished, nodeId, fromNodeId]);

  return found;
}
