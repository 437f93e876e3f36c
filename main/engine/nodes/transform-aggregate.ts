// transform.aggregate: collects messages into groups and emits `{ key, items }` per group when it is
// full (`count`, or `maxItems`), when its window closes, or when a finite run's input is exhausted.
//
// Everything is held in the node's own state (ctx.state), written with the step that adds an item or
// emits the group: a crash repeats that step as a whole, so no item is lost and no group emitted twice.
// State layout, per node:
//   gen                 a counter: each group opening gets the next number
//   group:<key as JSON> { key, gen, size, closesAt, runId }: the open group for that key
//   item:<gen>:<i>      the group's i-th item (one entry per item, so adding one writes one item, not the list)
// Every open group has a timer `<gen>:<key as JSON>` due at `closesAt` (its window, or 30 days without
// one): a finite run fires it once only timers are left, which is how "the end of the input" flushes
// groups. A timer whose group was already emitted (by count) finds another gen, or none, and does nothing.
import type { TransformAggregateConfig } from '../../../shared/catalog/kinds/transform-aggregate.js';
import { MAX_WINDOW_MS } from '../../../shared/catalog/kinds/transform-aggregate.js';
import { NodeError } from '../errors.js';
import type { MessageMeta, NodeContext, NodeEmission, NodeExecutor, NodeState } from '../types.js';
import { fieldOptions } from './expression-path.js';

interface OpenGroup {
  key: unknown;
  gen: number;
  size: number;
  /** Epoch ms its timer is due. */
  closesAt: number;
  /** The run that set its timer: a later run (the group outlived an interrupted one) sets it again. */
  runId: string;
}

export const transformAggregateExecutor: NodeExecutor<TransformAggregateConfig> = {
  type: 'transform.aggregate',
  async execute(input, ctx) {
    const key = await groupKey(input.payload, input.meta, ctx);
    const keyText = JSON.stringify(key);
    const state = ctx.state;
    let group = (await state.get(`group:${keyText}`)) as OpenGroup | undefined;
    if (group === undefined) {
      const gen = (((await state.get('gen')) as number | undefined) ?? 0) + 1;
      state.put('gen', gen);
      group = { key, gen, size: 0, closesAt: Date.now() + (ctx.config.windowMs ?? MAX_WINDOW_MS), runId: '' };
    }
    const limit = Math.min(ctx.config.count ?? Number.POSITIVE_INFINITY, ctx.config.maxItems);
    if (group.size + 1 >= limit) {
      if (ctx.config.count === undefined) ctx.log('warn', `group ${keyText} reached maxItems (${ctx.config.maxItems}) and is emitted before its window closes`);
      return [emission(group, [...(await takeItems(state, group, keyText)), input.payload])];
    }
    if (group.runId !== input.meta.runId) {
      ctx.timers.set(`${group.gen}:${keyText}`, group.closesAt);
      group = { ...group, runId: input.meta.runId };
    }
    state.put(`item:${group.gen}:${group.size}`, input.payload);
    state.put(`group:${keyText}`, { ...group, size: group.size + 1 });
    return [];
  },

  async onTimer(timer, ctx) {
    const separator = timer.key.indexOf(':');
    const gen = Number(timer.key.slice(0, separator));
    const keyText = timer.key.slice(separator + 1);
    const group = (await ctx.state.get(`group:${keyText}`)) as OpenGroup | undefined;
    if (group === undefined || group.gen !== gen) return []; // emitted already (full), maybe reopened since
    return [emission(group, await takeItems(ctx.state, group, keyText))];
  },
};

async function groupKey(payload: unknown, meta: MessageMeta, ctx: NodeContext<TransformAggregateConfig>): Promise<unknown> {
  if (ctx.config.groupBy === undefined) return null;
  const key = await ctx.mapping.evaluate(ctx.config.groupBy, payload, { meta }, fieldOptions(ctx, 'groupBy'));
  if (key === undefined) return null;
  if (typeof key === 'function' || JSON.stringify(key) === undefined) {
    throw new NodeError('AGGREGATE_KEY_INVALID', `groupBy must yield a JSON value to group by (a text, number, …), not a ${typeof key}; check the expression "${ctx.config.groupBy}"`, { transient: false });
  }
  return key;
}

/** The group's held items in arrival order; their state (and the group's) is deleted with this step. */
async function takeItems(state: NodeState, group: OpenGroup, keyText: string): Promise<unknown[]> {
  const keys = Array.from({ length: group.size }, (_, index) => `item:${group.gen}:${index}`);
  const items = await Promise.all(keys.map((key) => state.get(key)));
  keys.forEach((key) => state.delete(key));
  state.delete(`group:${keyText}`);
  return items;
}

function emission(group: OpenGroup, items: unknown[]): NodeEmission {
  return { port: 'out', payload: { key: group.key, items } };
}
