import { z } from 'zod';
import { defineNodeKind, type JsonataField } from '../node-kind.js';

/** The longest window, and how long a group without one waits in a live flow: 30 days. */
export const MAX_WINDOW_MS = 30 * 86_400_000;
/** Items one group may hold at most: state stays bounded. */
export const MAX_GROUP_ITEMS = 100_000;

export const transformAggregateConfig = z.strictObject({
  groupBy: z.string().min(1).optional().describe("JSONata yielding the group's key (any JSON value; nothing groups as null). One group when omitted."),
  count: z.number().int().min(1).max(MAX_GROUP_ITEMS).optional().describe("A group is emitted once it holds this many messages."),
  windowMs: z.number().int().min(1).max(MAX_WINDOW_MS).optional().describe("A group is emitted this long after its first message arrived."),
  maxItems: z.number().int().min(1).max(MAX_GROUP_ITEMS).default(10_000).describe("A group reaching this size is emitted whatever else is set, so held state stays bounded."),
}).superRefine((config, ctx) => {
  if (config.count !== undefined && config.count > config.maxItems) {
    ctx.addIssue({ code: 'custom', path: ['count'], message: `must be at most maxItems (${config.maxItems}); raise maxItems to hold bigger groups` });
  }
});
export type TransformAggregateConfig = z.infer<typeof transformAggregateConfig>;

export const transformAggregate = defineNodeKind({
  type: 'transform.aggregate',
  title: 'Aggregate',
  category: 'transform',
  effects: 'none',
  description:
    'Collects messages into groups by `groupBy` (JSONata; one group when empty) and emits `{ "key": …, "items": [ … ] }` per group '
    + 'when it holds `count` messages, when `windowMs` has passed since its first message, or when a run\'s input is exhausted '
    + '(with neither set, a group waits for the end of the input; in a live flow at most 30 days). '
    + 'Groups are held durably: a crash loses no item and emits no group twice. A group reaching `maxItems` (default 10,000) is emitted at once.',
  configSchema: transformAggregateConfig,
  // No count and no window: a fresh node collects until the end of the input, the easiest to try out.
  defaultConfig: { maxItems: 10_000 },
  ports: () => ['out'],
  jsonataFields: (config) => {
    const fields: JsonataField[] = [];
    if (config.groupBy !== undefined) fields.push({ path: ['groupBy'], kind: 'expression', source: config.groupBy });
    return fields;
  },
});
