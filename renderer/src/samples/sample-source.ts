// Which sample a node's mapping is tried on, and where it comes from: the node's own sample, else —
// for a node fed straight from a trigger — the trigger's sample, which is what that node will receive
// when the flow runs on it.
import { getNodeKind } from '../../../shared/catalog/index.js';
import { DEFAULT_PORT, type FlowDocument } from '../../../shared/flow/schema.js';

export interface EffectiveSample {
  /** The messages the node is tried on (the first is the one the editor shows). */
  messages: unknown[];
  /** The node whose `samples` they are: the node itself or the trigger feeding it. */
  from: string;
}

/** The trigger whose `out` port feeds `nodeId` directly, if any (the first such edge). */
export function feedingTrigger(doc: FlowDocument, nodeId: string): string | undefined {
  const edge = doc.edges.find((candidate) => candidate.to === nodeId && (candidate.port ?? DEFAULT_PORT) === DEFAULT_PORT && isTrigger(doc, candidate.from));
  return edge?.from;
}

export function effectiveSample(doc: FlowDocument, nodeId: string): EffectiveSample | undefined {
  const own = doc.samples?.[nodeId];
  if (own !== undefined && own.length > 0) return { messages: own, from: nodeId };
  const trigger = feedingTrigger(doc, nodeId);
  const fed = trigger === undefined ? undefined : doc.samples?.[trigger];
  return trigger !== undefined && fed !== undefined && fed.length > 0 ? { messages: fed, from: trigger } : undefined;
}

export function isTrigger(doc: FlowDocument, nodeId: string): boolean {
  const node = doc.nodes.find((candidate) => candidate.id === nodeId);
  return node !== undefined && getNodeKind(node.type)?.isTrigger === true;
}
