// What the node feeding the selected node emitted in the last finished test run, so the mapping editor
// can offer it as the selected node's sample ("Use upstream output from last run"). Only a node with
// exactly one incoming edge has an unambiguous upstream; others get nothing.
import { useEffect, useState } from 'react';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import type { UpstreamOutput } from '../mapping/mapping-panel.js';
import type { RunStore } from './run-store.js';

export type UpstreamForNode = UpstreamOutput & { nodeId: string };

/** The one node feeding `nodeId`, when there is exactly one incoming edge. */
export function soleUpstream(doc: FlowDocument, nodeId: string): string | undefined {
  const incoming = doc.edges.filter((edge) => edge.to === nodeId);
  return incoming.length === 1 ? incoming[0]?.from : undefined;
}

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
