import { z } from 'zod';
import { defineNodeKind, type JsonataField } from '../node-kind.js';

/** The longest wait a delay may ask for: 30 days. */
export const MAX_DELAY_MS = 30 * 86_400_000;

export const controlDelayConfig = z.strictObject({
  ms: z.number().int().min(0).max(MAX_DELAY_MS).optional().describe("Fixed wait in milliseconds."),
  until: z.string().min(1).optional().describe("JSONata yielding when to go on: an ISO date-time text or epoch milliseconds."),
}).refine((config) => (config.ms === undefined) !== (config.until === undefined), { message: 'set either ms or until, not both or neither' });
export type ControlDelayConfig = z.infer<typeof controlDelayConfig>;

export const controlDelay = defineNodeKind({
  type: 'control.delay',
  title: 'Delay',
  category: 'control',
  effects: 'none',
  description:
    'Holds each message for `ms` milliseconds, or until the time `until` yields, then passes it on unchanged. Durable: the message waits in the queue with its due time, across restarts.',
  configSchema: controlDelayConfig,
  defaultConfig: { ms: 1000 },
  ports: () => ['out'],
  jsonataFields: (config) => {
    const fields: JsonataField[] = [];
    if (config.until !== undefined) fields.push({ path: ['until'], kind: 'expression', source: config.until });
    return fields;
  },
});
