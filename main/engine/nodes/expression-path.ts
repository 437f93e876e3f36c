// Where a node's expression sits in the flow, for error locations: `{ path: 'nodes[2].config.expression' }`.
// Built once per node and field (executors ask on every message) and passed to the evaluator as is.
import type { MappingOptions, NodeContext } from '../types.js';

const cache = new WeakMap<object, Map<string, MappingOptions>>();

/** `field` is the path inside `config`: `expression`, `rules[0].condition`. */
export function fieldOptions(ctx: Pick<NodeContext, 'flow' | 'node'>, field: string): MappingOptions {
  let fields = cache.get(ctx.node);
  if (!fields) cache.set(ctx.node, (fields = new Map()));
  let options = fields.get(field);
  if (options === undefined) {
    const index = ctx.flow.nodes.indexOf(ctx.node);
    options = { path: `nodes[${index === -1 ? ctx.node.id : index}].config.${field}` };
    fields.set(field, options);
  }
  return options;
}
