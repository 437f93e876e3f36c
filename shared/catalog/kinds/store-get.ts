import { z } from 'zod';
import { ID_PATTERN } from '../../flow/schema.js';
import { defineNodeKind } from '../node-kind.js';

export const storeGetConfig = z.strictObject({
  store: z.string().regex(ID_PATTERN, { message: 'a store name starts with a letter and holds letters, digits, "_" and "-"' }),
  /** JSONata yielding the key (a string or number). */
  key: z.string().min(1, { message: 'a key expression is required' }),
});
export type StoreGetConfig = z.infer<typeof storeGetConfig>;

export const storeGet = defineNodeKind({
  type: 'store.get',
  title: 'Store get',
  category: 'store',
  effects: 'none',
  description:
    'Looks a key up in a named store. Found: `{ key, value, payload }` leaves by `out`; not found: the message leaves unchanged by `missing`.',
  configSchema: storeGetConfig,
  defaultConfig: { store: 'seen', key: 'id' },
  ports: () => ['out', 'missing'],
  jsonataFields: (config) => [{ path: ['key'], kind: 'expression', source: config.key }],
});
