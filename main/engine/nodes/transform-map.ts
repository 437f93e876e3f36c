// transform.map: the JSONata expression's result becomes the new payload. An expression that yields
// nothing (undefined, e.g. a path that matched nothing) ends the message here, with a debug log line.
import type { TransformMapConfig } from '../../../shared/catalog/kinds/transform-map.js';
import type { NodeContext, NodeEmission, NodeExecutor, NodeInput } from '../types.js';
import { fieldOptions } from './expression-path.js';

export const transformMapExecutor: NodeExecutor<TransformMapConfig> = {
  type: 'transform.map',
  async execute(input, ctx) {
    return emissionsOf(await ctx.mapping.evaluate(ctx.config.expression, input.payload, { meta: input.meta }, fieldOptions(ctx, 'expression')), input, ctx);
  },
  executeNow(input, ctx) {
    const now = ctx.mapping.evaluateNow?.(ctx.config.expression, input.payload, { meta: input.meta }, fieldOptions(ctx, 'expression'));
    return now === undefined ? undefined : emissionsOf(now.value, input, ctx);
  },
};

function emissionsOf(result: unknown, input: NodeInput, ctx: NodeContext<TransformMapConfig>): NodeEmission[] {
  if (result === undefined) {
    ctx.log('debug', `message ${input.meta.messageId}: the mapping yielded nothing, so the message stops here`);
    return [];
  }
  return [{ port: 'out', payload: result }];
}
