import { z } from 'zod';
import { defineNodeKind } from '../node-kind.js';

export const transformFilterConfig = z.strictObject({
  condition: z.string().min(1, { message: 'a condition is required' }).describe("JSONata condition; a truthy result sends the message to `out`, anything else to `rejected`."),
});
export type TransformFilterConfig = z.infer<typeof transformFilterConfig>;

export const transformFilter = defineNodeKind({
  type: 'transform.filter',
  title: 'Filter',
  category: 'transform',
  effects: 'none',
  description: 'Lets a message through when a JSONata condition holds; others leave by the `rejected` port.',
  configSchema: transformFilterConfig,
  defaultConfig: { condition: 'true' },
  ports: () => ['out', 'rejected'],
  jsonataFields: (config) => [{ path: ['condition'], kind: 'expression', source: config.condition }],
});
