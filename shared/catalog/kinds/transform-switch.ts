import { z } from 'zod';
import { idSchema } from '../../flow/schema.js';
import { defineNodeKind } from '../node-kind.js';

export const switchRule = z.strictObject({
  port: idSchema.refine((port) => port !== 'default' && port !== 'error', { message: '"default" and "error" are reserved port names' }),
  condition: z.string().min(1, { message: 'a condition is required' }),
});

export const transformSwitchConfig = z.strictObject({
  rules: z.array(switchRule).min(1, { message: 'add at least one rule' }).superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      if (seen.has(rule.port)) ctx.addIssue({ code: 'custom', path: [index, 'port'], message: `port "${rule.port}" is used by two rules` });
      seen.add(rule.port);
    });
  }).describe("Ordered rules; the first whose condition holds picks the port. None → `default`."),
});
export type TransformSwitchConfig = z.infer<typeof transformSwitchConfig>;

export const transformSwitch = defineNodeKind({
  type: 'transform.switch',
  title: 'Switch',
  category: 'transform',
  effects: 'none',
  description: 'Routes each message to the port of the first rule whose JSONata condition holds, else to `default`.',
  configSchema: transformSwitchConfig,
  defaultConfig: { rules: [{ port: 'match', condition: 'true' }] },
  ports: (config) => [...config.rules.map((rule) => rule.port), 'default'],
  jsonataFields: (config) =>
    config.rules.map((rule, index) => ({ path: ['rules', index, 'condition'], kind: 'expression' as const, source: rule.condition })),
});
