import { z } from 'zod';
import { ID_PATTERN } from '../../flow/schema.js';
import { defineNodeKind } from '../node-kind.js';

export const storeGetConfig = z.strictObject({
  store: z.string().regex(ID_PATTERN, { message: 'a store name starts with a letter and holds letters, digits, "_" and "-"' }),
  key: z.string().min(1, { message: 'a key expression is required' }).describe("JSONata yielding the key (a string or number)."),
  target: z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*$/, { message: 'a field name or a dotted path of field names' }).default('stored').describe("Where the found value goes in the payload: a field name, or a dotted path (`erp.customer`)."),
});
export type StoreGetConfig = z.infer<typeof storeGetConfig>;

export const storeGet = defineNodeKind({
  type: 'store.get',
  title: 'Store get',
  category: 'store',
  effects: 'none',
  description:
    'Looks a key up in a named store. Found: the message leaves by `out` with the stored value at `target` (default `stored`); not found: it leaves unchanged by `missing`.',
  configSchema: storeGetConfig,
  defaultConfig: { store: 'seen', key: 'id', target: 'stored' },
  ports: () => ['out', 'missing'],
  jsonataFields: (config) => [{ path: ['key'], kind: 'expression', source: config.key }],
});
