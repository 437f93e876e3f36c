// store.get: looks a key up in a named store; found → `{ key, value, payload }` on out, else the
// message unchanged on `missing`. It reads what is committed and what this batch already wrote.
import type { StoreGetConfig } from '../../../shared/catalog/kinds/store-get.js';
import type { NodeExecutor } from '../types.js';
import { storeKey } from './store-key.js';

export const storeGetExecutor: NodeExecutor<StoreGetConfig> = {
  type: 'store.get',
  async execute(input, ctx) {
    const key = await storeKey(input, ctx);
    const value = await ctx.store(ctx.config.store).get(key);
    return value === undefined ? [{ port: 'missing', payload: input.payload }] : [{ port: 'out', payload: { key, value, payload: input.payload } }];
  },
};
