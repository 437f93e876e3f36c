// Dead letters through the service: a message fails for good, the flow is fixed and saved, the dead
// letter is replayed onto the fixed version; discarded ones are gone.
import { afterAll, describe, expect, it } from 'vitest';
import { ApiWorkspace, chainFlow, finished } from './api-workspace.js';

const ws = new ApiWorkspace();
afterAll(async () => {
  await ws.remove();
});

const flow = chainFlow('prices', [
  ['in', 'trigger.manual'],
  ['price', 'transform.map', { expression: 'price > 0 ? { "sku": sku, "price": price } : $error("price of " & sku & " must be positive")' }],
], [{ sku: 'A', price: 3 }, { sku: 'B', price: 0 }, { sku: 'C', price: -1 }]);

describe('dead letters', () => {
  it('replays a dead letter after the mapping is fixed, and discards another', async () => {
    await ws.service['flows.save']({ document: flow });
    const { runId } = await ws.service['runs.start']({ flowId: 'prices' });
    await ws.waitForEvent(finished(runId));

    const letters = await ws.service['dlq.list']({ runId });
    expect(letters.map((letter) => letter.nodeId)).toEqual(['price', 'price']);
    const [first, second] = letters;
    if (!first || !second) throw new Error('expected two dead letters');
    const detail = await ws.service['dlq.get']({ id: first.id });
    expect(detail.error.message).toMatch(/must be positive/);
    expect(detail.history.length).toBeGreaterThan(0);

    const fixed = { ...flow, nodes: flow.nodes.map((node) => (node.id === 'price' ? { ...node, config: { expression: '{ "sku": sku, "price": $max([price, 0.01]) }' } } : node)) };
    const { revision } = await ws.service['flows.get']({ id: 'prices' });
    await ws.service['flows.save']({ document: fixed, expectedRevision: revision });

    const { reports } = await ws.service['dlq.replay']({ ids: [first.id] });
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ status: 'succeeded', counts: { dead: 0 } });
    expect(Object.values(reports[0]?.outputs ?? {}).flat()).toEqual([{ sku: detail.payload && (detail.payload as { sku: string }).sku, price: 0.01 }]);
    expect(ws.events.some((event) => event.type === 'run.finished' && event.runId === reports[0]?.runId)).toBe(true);

    expect(await ws.service['dlq.discard']({ ids: [second.id] })).toEqual({ discarded: 1 });
    expect(await ws.service['dlq.list']({ runId })).toEqual([]);
    expect((await ws.service['dlq.list']({ runId, includeReplayed: true })).map((letter) => letter.replayedIn)).toEqual([reports[0]?.runId]);
  });

  it('names an unknown dead letter', async () => {
    await expect(ws.service['dlq.get']({ id: 'nope' })).rejects.toMatchObject({ code: 'DEAD_LETTER_NOT_FOUND' });
    await expect(ws.service['dlq.replay']({ ids: ['nope'] })).rejects.toMatchObject({ code: 'DEAD_LETTER_NOT_FOUND' });
  });
});
