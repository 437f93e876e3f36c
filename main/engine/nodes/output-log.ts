// output.log: writes each message (or the optional expression's result) to the run log at the
// configured level and passes the payload on unchanged.
import type { OutputLogConfig } from '../../../shared/catalog/kinds/output-log.js';
import type { NodeExecutor } from '../types.js';
import { fieldOptions } from './expression-path.js';

export const outputLogExecutor: NodeExecutor<OutputLogConfig> = {
  type: 'output.log',
  async execute(input, ctx) {
    const logged = ctx.config.expression === undefined
      ? input.payload
      : await ctx.mapping.evaluate(ctx.config.expression, input.payload, { meta: input.meta }, fieldOptions(ctx, 'expression'));
    ctx.log(ctx.config.level, typeof logged === 'string' ? logged : JSON.stringify(logged) ?? '', logged);
    return [{ port: 'out', payload: input.payload }];
  },
};
