import { z } from 'zod';
import { defineNodeKind } from '../node-kind.js';

export const transformMapConfig = z.strictObject({
  expression: z.string().min(1, { message: 'a mapping expression is required' }).describe("JSONata expression; its result becomes the new payload. `$` is the payload, `$meta` the metadata."),
});
export type TransformMapConfig = z.infer<typeof transformMapConfig>;

export const transformMap = defineNodeKind({
  type: 'transform.map',
  title: 'Map',
  category: 'transform',
  effects: 'none',
  description: 'Turns each message into a new payload with a JSONata expression.',
  configSchema: transformMapConfig,
  defaultConfig: { expression: '$' },
  ports: () => ['out'],
  jsonataFields: (config) => [{ path: ['expression'], kind: 'expression', source: config.expression }],
});
