// transform.switch: the first rule whose condition holds picks the port; none → `default`.
import type { TransformSwitchConfig } from '../../../shared/catalog/kinds/transform-switch.js';
import type { NodeExecutor } from '../types.js';
import { fieldOptions } from './expression-path.js';
import { isTruthy } from '../../../shared/jsonata/truthy.js';

export const transformSwitchExecutor: NodeExecutor<TransformSwitchConfig> = {
  type: 'transform.switch',
  async execute(input, ctx) {
    const bindings = { meta: input.meta };
    for (const [index, rule] of ctx.config.rules.entries()) {
      const result = await ctx.mapping.evaluate(rule.condition, input.payload, bindings, fieldOptions(ctx, `rules[${index}].condition`));
      if (isTruthy(result)) return [{ port: rule.port, payload: input.payload }];
    }
    return [{ port: 'default', payload: input.payload }];
  },
  executeNow(input, ctx) {
    const bindings = { meta: input.meta };
    const { rules } = ctx.config;
    for (let index = 0; index < rules.length; index++) {
      const rule = rules[index]!;
      // A rule only `execute` can evaluate: the conditions are pure, so `execute` starts over.
      const now = ctx.mapping.evaluateNow?.(rule.condition, input.payload, bindings, fieldOptions(ctx, `rules[${index}].condition`));
      if (now === undefined) return undefined;
      if (isTruthy(now.value)) return [{ port: rule.port, payload: input.payload }];
    }
    return [{ port: 'default', payload: input.payload }];
  },
};
