// transform.split: one message per element of the array the path yields. A non-array yields one
// message, nothing (undefined) or an empty array yields none.
import type { TransformSplitConfig } from '../../../shared/catalog/kinds/transform-split.js';
import type { Emission, NodeExecutor } from '../types.js';
import { fieldOptions } from './expression-path.js';

export const transformSplitExecutor: NodeExecutor<TransformSplitConfig> = {
  type: 'transform.split',
  async execute(input, ctx) {
    const result = await ctx.mapping.evaluate(ctx.config.path, input.payload, { meta: input.meta }, fieldOptions(ctx, 'path'));
    if (result === undefined) return [];
    const items: unknown[] = Array.isArray(result) ? result : [result];
    return items.map((payload): Emission => ({ port: 'out', payload }));
  },
};
