import { z } from 'zod';
import { ID_PATTERN } from '../../flow/schema.js';
import { defineNodeKind, type JsonataField } from '../node-kind.js';

export const storePutConfig = z.strictObject({
  store: z.string().regex(ID_PATTERN, { message: 'a store name starts with a letter and holds letters, digits, "_" and "-"' }).describe("The store's name, shared by every flow of the workspace (store.get reads it)."),
  key: z.string().min(1, { message: 'a key expression is required' }).describe("JSONata yielding the key (a string or number)."),
  value: z.string().min(1).optional().describe("JSONata yielding the value to keep; the whole payload when omitted."),
  ttlMs: z.number().int().min(1).max(366 * 86_400_000).optional().describe("How long the entry lives; kept until overwritten when omitted. At most a year."),
});
export type StorePutConfig = z.infer<typeof storePutConfig>;

export const storePut = defineNodeKind({
  type: 'store.put',
  title: 'Store put',
  category: 'store',
  effects: 'none',
  description:
    'Keeps a value under a key in a named store of the workspace (de-duplication, delta sync, lookups) and passes the message on unchanged. The write commits together with the step: a message handled once writes once.',
  configSchema: storePutConfig,
  defaultConfig: { store: 'seen', key: 'id' },
  ports: () => ['out'],
  jsonataFields: (config) => {
    const fields: JsonataField[] = [{ path: ['key'], kind: 'expression', source: config.key }];
    if (config.value !== undefined) fields.push({ path: ['value'], kind: 'expression', source: config.value });
    return fields;
  },
});
