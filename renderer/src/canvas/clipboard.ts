// Copy and paste of a selection. The clipboard is plain JSON (it can go through the system clipboard):
// the selected nodes, the edges between them, and their samples. Pasting gives every node a new
// unique id, rewires the internal edges to the new ids and offsets positions so the copy is visible.
import type { FlowDocument, FlowEdge, FlowNode } from '../../../shared/flow/schema.js';
import type { FlowChange, Position } from './changes.js';
import { uniqueId } from './ids.js';

export const CLIPBOARD_FORMAT = 'pipewright/clipboard@1';
export const PASTE_OFFSET = 40;

export interface FlowClipboard {
  format: typeof CLIPBOARD_FORMAT;
  nodes: FlowNode[];
  /** Only edges whose both ends were copied. */
  edges: FlowEdge[];
  samples: Record<string, unknown[]>;
}

export function copyNodes(doc: FlowDocument, ids: Iterable<string>): FlowClipboard {
  const wanted = new Set(ids);
  const nodes = structuredClone(doc.nodes.filter((node) => wanted.has(node.id)));
  const edges = structuredClone(doc.edges.filter((edge) => wanted.has(edge.from) && wanted.has(edge.to)));
  const samples: Record<string, unknown[]> = {};
  for (const node of nodes) {
    const sample = doc.samples?.[node.id];
    if (sample !== undefined) samples[node.id] = structuredClone(sample);
  }
  return { format: CLIPBOARD_FORMAT, nodes, edges, samples };
}

export function isFlowClipboard(value: unknown): value is FlowClipboard {
  if (typeof value !== 'object' || value === null) return false;
  const clip = value as Partial<FlowClipboard>;
  return clip.format === CLIPBOARD_FORMAT && Array.isArray(clip.nodes) && Array.isArray(clip.edges);
}

/** The changes that paste `clip` into `doc`, and the new ids (in clipboard order). */
export function pasteChanges(doc: FlowDocument, clip: FlowClipboard): { changes: FlowChange[]; ids: string[] } {
  const taken = new Set(doc.nodes.map((node) => node.id));
  const renamed = new Map<string, string>();
  for (const node of clip.nodes) {
    const id = uniqueId(node.id, taken);
    taken.add(id);
    renamed.set(node.id, id);
  }
  const [dx, dy] = pasteOffset(doc, clip);
  const changes: FlowChange[] = clip.nodes.map((node) => ({
    type: 'add-node',
    node: { ...structuredClone(node), id: renamed.get(node.id) ?? node.id, position: [node.position[0] + dx, node.position[1] + dy] },
  }));
  for (const edge of clip.edges) {
    const from = renamed.get(edge.from);
    const to = renamed.get(edge.to);
    if (from !== undefined && to !== undefined) changes.push({ type: 'connect', edge: { ...edge, from, to } });
  }
  for (const [id, samples] of Object.entries(clip.samples ?? {})) {
    const newId = renamed.get(id);
    if (newId !== undefined) changes.push({ type: 'set-samples', id: newId, samples: structuredClone(samples) });
  }
  return { changes, ids: clip.nodes.map((node) => renamed.get(node.id) ?? node.id) };
}

/** One step down-right per copy already sitting there, so pasting twice never stacks copies exactly. */
function pasteOffset(doc: FlowDocument, clip: FlowClipboard): Position {
  const first = clip.nodes[0];
  if (first === undefined) return [0, 0];
  const occupied = new Set(doc.nodes.map((node) => `${node.position[0]},${node.position[1]}`));
  let step = 1;
  while (occupied.has(`${first.position[0] + step * PASTE_OFFSET},${first.position[1] + step * PASTE_OFFSET}`)) step += 1;
  return [step * PASTE_OFFSET, step * PASTE_OFFSET];
}
