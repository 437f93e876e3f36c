// transform.filter: a truthy condition sends the message on by `out`, anything else by `rejected`.
// Truthiness is JSONata's own ($boolean): empty strings, 0, empty arrays and nothing are false.
import type { TransformFilterConfig } from '../../../shared/catalog/kinds/transform-filter.js';
import type { NodeEmission, NodeExecutor } from '../types.js';
import { fieldOptions } from './expression-path.js';
import { isTruthy } from '../../../shared/jsonata/truthy.js';

export const transformFilterExecutor: NodeExecutor<TransformFilterConfig> = {
  type: 'transform.filter',
  async execute(input, ctx) {
    const result = await ctx.mapping.evaluate(ctx.config.condition, input.payload, { meta: input.meta }, fieldOptions(ctx, 'condition'));
    return routed(result, input.payload);
  },
  executeNow(input, ctx) {
    const now = ctx.mapping.evaluateNow?.(ctx.config.condition, input.payload, { meta: input.meta }, fieldOptions(ctx, 'condition'));
    return now === undefined ? undefined : routed(now.value, input.payload);
  },
};

function routed(condition: unknown, payload: unknown): NodeEmission[] {
  return [{ port: isTruthy(condition) ? 'out' : 'rejected', payload }];
}
