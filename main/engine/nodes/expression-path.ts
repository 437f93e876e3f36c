// Where a node's expression sits in the flow, for error locations: `{ path: 'nodes[2].config.expression' }`.
// Built once per node and field (executors ask on every message) and passed to the evaluator as is.
import type { MappingOptions, NodeContext } from '../types.js';

const cache = new WeakMap<object, Map<string, MappingOptions>>();
const indexes = new WeakMap<object, Map<object, number>>();

/** Node → position, once per flow document: `indexOf` per node would make a long flow quadratic. */
function nodeIndexes(flow: NodeContext['flow']): Map<object, number> {
  let byNode = indexes.get(flow);
  if (!byNode) indexes.set(flow, (byNode = new Map(flow.nodes.map((node, index) => [node, index]))));
  return byNode;
}

/** `field` is the path inside `config`: `expression`, `rules[0].condition`. */
export function fieldOptions(ctx: Pick<NodeContext, 'flow' | 'node'>, field: string): MappingOptions {
  let fields = cache.get(ctx.node);
  if (!fields) cache.set(ctx.node, (fields = new Map()));
  let options = fields.get(field);
  if (options === undefined) {
    const index = nodeIndexes(ctx.flow).get(ctx.node) ?? -1;
    options = { path: `nodes[${index === -1 ? ctx.node.id : index}].config.${field}` };
    fields.set(field, options);
  }
  return options;
}
