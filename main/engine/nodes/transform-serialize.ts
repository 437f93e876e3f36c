// transform.serialize: data (the payload, or what `from` yields) → text in the configured format, which
// becomes the payload. The formats: ./formats.
import type { TransformSerializeConfig } from '../../../shared/catalog/kinds/transform-serialize.js';
import type { NodeExecutor } from '../types.js';
import { fieldOptions } from './expression-path.js';
import { serializeData } from './formats/index.js';

export const transformSerializeExecutor: NodeExecutor<TransformSerializeConfig> = {
  type: 'transform.serialize',
  async execute(input, ctx) {
    const { config } = ctx;
    const data = config.from === undefined
      ? input.payload
      : await ctx.mapping.evaluate(config.from, input.payload, { meta: input.meta }, fieldOptions(ctx, 'from'));
    return [{ port: 'out', payload: serializeData(config.format, data, config) }];
  },
};
