// transform.parse: text (the payload, or what `from` yields) → data in the configured format; the
// result is the payload, or placed in the field `into` of the payload. The formats: ./formats.
import type { TransformParseConfig } from '../../../shared/catalog/kinds/transform-parse.js';
import { NodeError } from '../errors.js';
import type { NodeExecutor } from '../types.js';
import { fieldOptions } from './expression-path.js';
import { describe, parseText } from './formats/index.js';

export const transformParseExecutor: NodeExecutor<TransformParseConfig> = {
  type: 'transform.parse',
  async execute(input, ctx) {
    const { config } = ctx;
    const text = config.from === undefined
      ? input.payload
      : await ctx.mapping.evaluate(config.from, input.payload, { meta: input.meta }, fieldOptions(ctx, 'from'));
    if (typeof text !== 'string') {
      const source = config.from === undefined ? 'the payload is' : `from ${JSON.stringify(config.from)} yielded`;
      const hint = config.from === undefined ? '; set from to the field that holds the text' : '';
      throw new NodeError('PARSE_NOT_TEXT', `transform.parse reads ${config.format.toUpperCase()} text (a string), but ${source} ${describe(text)}${hint}`, {
        transient: false,
        ...(config.from === undefined ? {} : { location: { path: fieldOptions(ctx, 'from').path } }),
      });
    }
    const result = parseText(config.format, text, config);
    if (config.into === undefined) return [{ port: 'out', payload: result }];
    const payload = input.payload;
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      throw new NodeError('PARSE_TARGET_NOT_OBJECT', `transform.parse places the result in the field "${config.into}" of the payload, which must be an object, not ${describe(payload)}`, { transient: false });
    }
    return [{ port: 'out', payload: { ...payload, [config.into]: result } }];
  },
};
