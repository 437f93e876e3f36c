// transform.map: the JSONata expression's result becomes the new payload. An expression that yields
// nothing (undefined, e.g. a path that matched nothing) ends the message here, with a debug log line.
import type { TransformMapConfig } from '../../../shared/catalog/kinds/transform-map.js';
import type { NodeExecutor } from '../types.js';
import { fieldOptions } from './expression-path.js';

export const transformMapExecutor: NodeExecutor<TransformMapConfig> = {
  type: 'transform.map',
  async execute(input, ctx) {
    const result = await ctx.mapping.evaluate(ctx.config.expression, input.payload, { meta: input.meta }, fieldOptions(ctx, 'expression'));
    if (result === undefined) {
      ctx.log('debug', `message ${input.meta.messageId}: the mapping yielded nothing, so the message stops here`);
      return [];
    }
    return [{ port: 'out', payload: result }];
  },
};
