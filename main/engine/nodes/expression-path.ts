// The JSON path of a node's config field, for error locations: `nodes[2].config.expression`.
import type { NodeContext } from '../types.js';

export function configPath(ctx: Pick<NodeContext, 'flow' | 'node'>, ...field: Array<string | number>): string {
  const index = ctx.flow.nodes.indexOf(ctx.node);
  const tail = field.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('');
  return `nodes[${index === -1 ? ctx.node.id : index}].config${tail}`;
}
