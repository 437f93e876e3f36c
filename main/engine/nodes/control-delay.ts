// control.delay: passes each message on once its wait is over. The wait is not a timer in this
// process: the emission carries `availableAt`, so the message sits in the downstream queue with its
// due time and survives a restart (DESIGN.md §3).
import type { ControlDelayConfig } from '../../../shared/catalog/kinds/control-delay.js';
import { MAX_DELAY_MS } from '../../../shared/catalog/kinds/control-delay.js';
import { NodeError } from '../errors.js';
import type { NodeExecutor } from '../types.js';
import { fieldOptions } from './expression-path.js';

export const controlDelayExecutor: NodeExecutor<ControlDelayConfig> = {
  type: 'control.delay',
  async execute(input, ctx) {
    const now = Date.now();
    let due: number;
    if (ctx.config.ms !== undefined) due = now + ctx.config.ms;
    else {
      const until = await ctx.mapping.evaluate(ctx.config.until as string, input.payload, { meta: input.meta }, fieldOptions(ctx, 'until'));
      due = typeof until === 'number' ? until : typeof until === 'string' ? Date.parse(until) : Number.NaN;
      if (!Number.isFinite(due)) {
        throw new NodeError('DELAY_INVALID_TIME', `"until" must yield an ISO date-time or epoch milliseconds, not ${JSON.stringify(until) ?? 'nothing'}`, { transient: false });
      }
      if (due - now > MAX_DELAY_MS) throw new NodeError('DELAY_TOO_LONG', `"until" is more than 30 days away (${new Date(due).toISOString()})`, { transient: false });
    }
    return [due <= now ? { port: 'out', payload: input.payload } : { port: 'out', payload: input.payload, availableAt: due }];
  },
};
