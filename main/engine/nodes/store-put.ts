// store.put: keeps a value under a key in a named store (ctx.store, committed with the step).
import type { StorePutConfig } from '../../../shared/catalog/kinds/store-put.js';
import type { NodeExecutor } from '../types.js';
import { fieldOptions } from './expression-path.js';
import { storeKey } from './store-key.js';

export const storePutExecutor: NodeExecutor<StorePutConfig> = {
  type: 'store.put',
  async execute(input, ctx) {
    const key = await storeKey(input, ctx);
    const value = ctx.config.value === undefined
      ? input.payload
      : await ctx.mapping.evaluate(ctx.config.value, input.payload, { meta: input.meta }, fieldOptions(ctx, 'value'));
    // JSONata's "nothing" is kept as null: the key exists, so store.get finds it.
    ctx.store(ctx.config.store).put(key, value ?? null, ctx.config.ttlMs === undefined ? undefined : { ttlMs: ctx.config.ttlMs });
    return [{ port: 'out', payload: input.payload }];
  },
};
