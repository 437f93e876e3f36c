// Automatic layout with elkjs (layered, left to right, like the flows are read). Returns positions
// only, so applying them is an ordinary undoable edit (`store.moveNodes`). ELK is 1.5 MB of compiled
// Java, so it is loaded on the first layout rather than with the designer.
import type { ELK as ElkInstance } from 'elkjs/lib/elk-api.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import type { Position } from './changes.js';

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 72;

type ElkClass = new () => ElkInstance;
let elk: Promise<ElkInstance> | undefined;

function loadElk(): Promise<ElkInstance> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((module) => {
    // A CommonJS module: its class arrives as `default` or as `default.default` depending on who
    // loads it (Vite's bundle, Node's ESM loader), and the typings differ by resolution mode alike.
    const exported = module as unknown as { default: ElkClass | { default: ElkClass } };
    const ELK = typeof exported.default === 'function' ? exported.default : exported.default.default;
    return new ELK();
  });
  return elk;
}

export async function layoutFlow(flow: Pick<FlowDocument, 'nodes' | 'edges'>, sizes?: ReadonlyMap<string, { width: number; height: number }>): Promise<Map<string, Position>> {
  const ids = new Set(flow.nodes.map((node) => node.id));
  const graph = await (await loadElk()).layout({
    id: 'flow',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: flow.nodes.map((node) => ({ id: node.id, width: sizes?.get(node.id)?.width ?? NODE_WIDTH, height: sizes?.get(node.id)?.height ?? NODE_HEIGHT })),
    edges: flow.edges
      .filter((edge) => ids.has(edge.from) && ids.has(edge.to))
      .map((edge, index) => ({ id: `e${index}`, sources: [edge.from], targets: [edge.to] })),
  });
  const positions = new Map<string, Position>();
  for (const child of graph.children ?? []) positions.set(child.id, [Math.round(child.x ?? 0), Math.round(child.y ?? 0)]);
  return positions;
}
