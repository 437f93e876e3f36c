// The key of a store node: a JSONata result that must be a string or a finite number.
import { NodeError } from '../errors.js';
import type { NodeContext, NodeInput } from '../types.js';
import { fieldOptions } from './expression-path.js';

export async function storeKey(input: NodeInput, ctx: NodeContext<{ key: string }>): Promise<string> {
  const key = await ctx.mapping.evaluate(ctx.config.key, input.payload, { meta: input.meta }, fieldOptions(ctx, 'key'));
  if (typeof key === 'string' && key !== '') return key;
  if (typeof key === 'number' && Number.isFinite(key)) return String(key);
  throw new NodeError('STORE_KEY_INVALID', `the key must be a non-empty string or a number, not ${JSON.stringify(key) ?? 'nothing'}`, { transient: false });
}
