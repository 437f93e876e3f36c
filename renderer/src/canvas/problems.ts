// Sorts validation problems by what the canvas shows them on: a node (`nodes[3]…` and `samples.<id>`),
// an edge (`edges[2]…`), or the flow as a whole (everything else, e.g. the flow id or a test).
import type { Problem } from '../../../shared/errors.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { edgeKey } from './changes.js';

export interface ProblemIndex {
  byNode: ReadonlyMap<string, readonly Problem[]>;
  /** Keyed by `edgeKey`. */
  byEdge: ReadonlyMap<string, readonly Problem[]>;
  flow: readonly Problem[];
  total: number;
}

export const NO_PROBLEMS: ProblemIndex = { byNode: new Map(), byEdge: new Map(), flow: [], total: 0 };

export function indexProblems(doc: FlowDocument, problems: readonly Problem[]): ProblemIndex {
  const byNode = new Map<string, Problem[]>();
  const byEdge = new Map<string, Problem[]>();
  const flow: Problem[] = [];
  const add = (map: Map<string, Problem[]>, key: string, problem: Problem) => {
    const list = map.get(key);
    if (list) list.push(problem);
    else map.set(key, [problem]);
  };
  for (const problem of problems) {
    const path = problem.path ?? '';
    const nodeIndex = /^nodes\[(\d+)\]/.exec(path);
    const edgeIndex = /^edges\[(\d+)\]/.exec(path);
    const sampleNode = /^samples\.([A-Za-z][A-Za-z0-9_-]*)/.exec(path);
    const node = nodeIndex ? doc.nodes[Number(nodeIndex[1])] : sampleNode ? doc.nodes.find((n) => n.id === sampleNode[1]) : undefined;
    const edge = edgeIndex ? doc.edges[Number(edgeIndex[1])] : undefined;
    if (node && typeof node.id === 'string') add(byNode, node.id, problem);
    else if (edge) add(byEdge, edgeKey(edge), problem);
    else flow.push(problem);
  }
  return { byNode, byEdge, flow, total: problems.length };
}
