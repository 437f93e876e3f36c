// The flow's problems as one list a person can read and act on: each with where it is (a node, an edge
// or the flow), the field inside it (`config.expression`) and what clicking it should reveal on the
// canvas. Built from the ProblemIndex (./problems.ts), so the list and the canvas badges agree.
import type { Problem } from '../../../shared/errors.js';
import type { FlowDocument, FlowEdge } from '../../../shared/flow/schema.js';
import { DEFAULT_PORT } from '../../../shared/flow/schema.js';
import { edgeKey } from './changes.js';
import type { ProblemIndex } from './problems.js';

export type ProblemTarget = { kind: 'node'; id: string } | { kind: 'edge'; key: string; edge: FlowEdge } | { kind: 'flow' };

export interface ListedProblem {
  problem: Problem;
  target: ProblemTarget;
  /** "node map", "edge a → b", "the flow". */
  where: string;
  /** The path inside the node or edge (`config.expression`, `to`); the whole path for the flow. */
  field: string;
}

/** Node problems in canvas order, then edge problems in file order, then the flow's own. */
export function listProblems(doc: FlowDocument, index: ProblemIndex): ListedProblem[] {
  const listed: ListedProblem[] = [];
  for (const node of doc.nodes) {
    for (const problem of index.byNode.get(node.id) ?? []) {
      listed.push({ problem, target: { kind: 'node', id: node.id }, where: `node ${node.id}`, field: fieldOf(problem.path, /^nodes\[\d+\]\.?/) });
    }
  }
  for (const edge of doc.edges) {
    const key = edgeKey(edge);
    for (const problem of index.byEdge.get(key) ?? []) {
      listed.push({ problem, target: { kind: 'edge', key, edge }, where: `edge ${describeEdge(edge)}`, field: fieldOf(problem.path, /^edges\[\d+\]\.?/) });
    }
  }
  for (const problem of index.flow) listed.push({ problem, target: { kind: 'flow' }, where: 'the flow', field: problem.path ?? '' });
  return listed;
}

export function describeEdge(edge: FlowEdge): string {
  const port = edge.port ?? DEFAULT_PORT;
  return `${edge.from}${port === DEFAULT_PORT ? '' : `.${port}`} → ${edge.to}`;
}

function fieldOf(path: string | undefined, owner: RegExp): string {
  return (path ?? '').replace(owner, '');
}
