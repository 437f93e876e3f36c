import { z } from 'zod';
import { defineNodeKind } from '../node-kind.js';

export const outputLogConfig = z.strictObject({
  level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  expression: z.string().min(1).optional().describe("Optional JSONata for what to log; the whole payload when omitted. The payload passes on unchanged."),
});
export type OutputLogConfig = z.infer<typeof outputLogConfig>;

export const outputLog = defineNodeKind({
  type: 'output.log',
  title: 'Log',
  category: 'output',
  effects: 'none',
  description: 'Writes each message to the run log and passes it on unchanged; a terminal node for tests and demos.',
  configSchema: outputLogConfig,
  defaultConfig: { level: 'info' },
  ports: () => ['out'],
  jsonataFields: (config) => (config.expression ? [{ path: ['expression'], kind: 'expression', source: config.expression }] : []),
});
