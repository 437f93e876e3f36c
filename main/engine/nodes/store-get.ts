// store.get: looks a key up in a named store; found → the payload with the stored value at `target`
// on `out`, else the message unchanged on `missing`. It reads what is committed and what this batch
// already wrote.
import type { StoreGetConfig } from '../../../shared/catalog/kinds/store-get.js';
import type { NodeExecutor } from '../types.js';
import { placeAt } from './place-at.js';
import { storeKey } from './store-key.js';

export const storeGetExecutor: NodeExecutor<StoreGetConfig> = {
  type: 'store.get',
  async execute(input, ctx) {
    const key = await storeKey(input, ctx);
    const value = await ctx.store(ctx.config.store).get(key);
    if (value === undefined) return [{ port: 'missing', payload: input.payload }];
    return [{ port: 'out', payload: placeAt(input.payload, ctx.config.target, value, { code: 'STORE_TARGET_NOT_OBJECT', what: 'store.get places the found value' }) }];
  },
};
