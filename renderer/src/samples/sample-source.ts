// Which triggers feed a node directly (pinning an expectation runs the flow on their samples; the
// input of any node is worked out in ./propagate.ts).
import { getNodeKind } from '../../../shared/catalog/index.js';
import { DEFAULT_PORT, type FlowDocument } from '../../../shared/flow/schema.js';

/** The trigger whose `out` port feeds `nodeId` directly, if any (the first such edge). */
export function feedingTrigger(doc: FlowDocument, nodeId: string): string | undefined {
  const edge = doc.edges.find((candidate) => candidate.to === nodeId && (candidate.port ?? DEFAULT_PORT) === DEFAULT_PORT && isTrigger(doc, candidate.from));
  return edge?.from;
}

export function isTrigger(doc: FlowDocument, nodeId: string): boolean {
  const node = doc.nodes.find((candidate) => candidate.id === nodeId);
  return node !== undefined && getNodeKind(node.type)?.isTrigger === true;
}
