// Which node feeds a node: only a node with exactly one incoming edge has an unambiguous upstream.
import type { FlowDocument } from '../../../shared/flow/schema.js';

export function soleUpstream(doc: FlowDocument, nodeId: string): string | undefined {
  const incoming = doc.edges.filter((edge) => edge.to === nodeId);
  return incoming.length === 1 ? incoming[0]?.from : undefined;
}
