// store.get: looks a key up in a named store; found → the payload with the stored value at `target`
// on `out`, else the message unchanged on `missing`. It reads what is committed and what this batch
// already wrote.
import type { StoreGetConfig } from '../../../shared/catalog/kinds/store-get.js';
import { NodeError } from '../errors.js';
import type { NodeExecutor } from '../types.js';
import { storeKey } from './store-key.js';

export const storeGetExecutor: NodeExecutor<StoreGetConfig> = {
  type: 'store.get',
  async execute(input, ctx) {
    const key = await storeKey(input, ctx);
    const value = await ctx.store(ctx.config.store).get(key);
    if (value === undefined) return [{ port: 'missing', payload: input.payload }];
    return [{ port: 'out', payload: placed(input.payload, ctx.config.target, value) }];
  },
};

/** A copy of the payload with `value` at the dotted path; objects on the way are copied, not changed. */
function placed(payload: unknown, target: string, value: unknown): Record<string, unknown> {
  if (!isObject(payload)) {
    throw new NodeError('STORE_TARGET_NOT_OBJECT', `store.get places the found value at "${target}" inside the payload, which must be an object, not ${JSON.stringify(payload) ?? 'nothing'}`, { transient: false });
  }
  const root: Record<string, unknown> = { ...payload };
  const fields = target.split('.');
  let at = root;
  fields.slice(0, -1).forEach((field) => {
    const next = at[field];
    at = at[field] = isObject(next) ? { ...next } : {};
  });
  at[fields[fields.length - 1] as string] = value;
  return root;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
