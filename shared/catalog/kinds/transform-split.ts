import { z } from 'zod';
import { defineNodeKind } from '../node-kind.js';

export const transformSplitConfig = z.strictObject({
  path: z.string().min(1, { message: 'a path to an array is required' }).describe("JSONata expression yielding an array; each element becomes one message. A non-array yields one message."),
});
export type TransformSplitConfig = z.infer<typeof transformSplitConfig>;

export const transformSplit = defineNodeKind({
  type: 'transform.split',
  title: 'Split',
  category: 'transform',
  effects: 'none',
  description: 'Emits one message per element of an array picked by a JSONata path.',
  configSchema: transformSplitConfig,
  defaultConfig: { path: 'items' },
  ports: () => ['out'],
  jsonataFields: (config) => [{ path: ['path'], kind: 'expression', source: config.path }],
});
