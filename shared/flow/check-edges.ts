// Edge checks: both ends exist, no duplicates, the port exists on the source, nothing flows into a
// trigger, and no cycles (format v1 flows are acyclic; a loop would be an unbounded message storm).
import type { Problem } from '../errors.js';
import { DEFAULT_PORT, ERROR_PORT } from './schema.js';
import { describeCycle, findCycles, type EdgeLike } from './graph.js';
import { withPath } from './issues.js';
import type { NodeFacts } from './check-nodes.js';
import type { LooseEdge } from './lenient.js';

export function checkEdges(edges: ReadonlyArray<LooseEdge>, facts: ReadonlyMap<string, NodeFacts>): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  const linked: Array<EdgeLike & { index: number }> = [];
  for (const edge of edges) {
    const at = (...rest: Array<string | number>) => ['edges', edge.index, ...rest];
    const source = edge.from === undefined ? undefined : facts.get(edge.from);
    const target = edge.to === undefined ? undefined : facts.get(edge.to);
    if (edge.from !== undefined && !source) {
      problems.push(withPath({ code: 'UNKNOWN_EDGE_SOURCE', message: `edge starts at "${edge.from}", which is not a node of this flow` }, at('from')));
    }
    if (edge.to !== undefined && !target) {
      problems.push(withPath({ code: 'UNKNOWN_EDGE_TARGET', message: `edge ends at "${edge.to}", which is not a node of this flow` }, at('to')));
    }
    if (edge.from === undefined || edge.to === undefined || edge.port === null) continue;
    const port = edge.port ?? DEFAULT_PORT;
    const key = JSON.stringify([edge.from, port, edge.to]);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push(withPath({ code: 'DUPLICATE_EDGE', message: `same edge as edges[${earlier}] ("${edge.from}" port "${port}" → "${edge.to}")` }, at()));
    } else {
      seen.set(key, edge.index);
    }
    if (source?.ports && port !== ERROR_PORT && !source.ports.includes(port)) {
      const valid = [...source.ports, ERROR_PORT].map((name) => `"${name}"`).join(', ');
      const message = `node "${edge.from}" (${source.type ?? 'unknown type'}) has no port "${port}"; its ports are ${valid}`;
      problems.push(withPath({ code: 'UNKNOWN_PORT', message }, edge.port === undefined ? at() : at('port')));
    }
    if (target?.isTrigger) {
      problems.push(withPath({ code: 'TRIGGER_HAS_INPUT', message: `"${edge.to}" is a trigger (${target.type ?? ''}) and cannot receive messages; remove this edge` }, at('to')));
    }
    // An edge into a trigger is already reported; a loop through it would only repeat that.
    if (source && target && !target.isTrigger) linked.push({ index: edge.index, from: edge.from, port, to: edge.to });
  }
  problems.push(...cycleProblems(facts, linked));
  return problems;
}

function cycleProblems(facts: ReadonlyMap<string, NodeFacts>, edges: ReadonlyArray<EdgeLike & { index: number }>): Problem[] {
  return findCycles([...facts.keys()], edges).map((cycle) => {
    const from = cycle[0] as string;
    const to = cycle[1] ?? from;
    const edge = edges.find((candidate) => candidate.from === from && candidate.to === to);
    const message =
      cycle.length === 1
        ? `edge from "${from}" back to itself makes a loop; flows must not loop`
        : `nodes ${describeCycle(cycle)} form a cycle; flows must not loop, remove one of these edges`;
    return withPath({ code: 'CYCLE', message }, edge ? ['edges', edge.index] : []);
  });
}
