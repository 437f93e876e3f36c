// transform.filter: a truthy condition sends the message on by `out`, anything else by `rejected`.
// Truthiness is JSONata's own ($boolean): empty strings, 0, empty arrays and nothing are false.
import type { TransformFilterConfig } from '../../../shared/catalog/kinds/transform-filter.js';
import type { NodeExecutor } from '../types.js';
import { fieldOptions } from './expression-path.js';
import { isTruthy } from '../../../shared/jsonata/truthy.js';

export const transformFilterExecutor: NodeExecutor<TransformFilterConfig> = {
  type: 'transform.filter',
  async execute(input, ctx) {
    const result = await ctx.mapping.evaluate(ctx.config.condition, input.payload, { meta: input.meta }, fieldOptions(ctx, 'condition'));
    return [{ port: isTruthy(result) ? 'out' : 'rejected', payload: input.payload }];
  },
};
