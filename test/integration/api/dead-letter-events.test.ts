// `dlq.changed` events and `dlq.marker` through the service: a run that dead-letters a message, an
// edit, a replay that delivers and a discard each send one event naming the flow, and the marker
// changes with every creation, replay and discard (what the designer polls for changes made elsewhere).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, DeadLettersChangedEvent } from '../../../shared/api/events.js';
import { ApiWorkspace, chainFlow, finished } from './api-workspace.js';

const ws = new ApiWorkspace();

beforeAll(async () => {
  const flow = chainFlow('checks', [
    ['in', 'trigger.manual'],
    ['check', 'transform.map', { expression: 'ok ? { "n": n } : $error("not ok")' }],
  ], [{ n: 1, ok: true }, { n: 2, ok: false }]);
  await ws.service['flows.save']({ document: flow });
});

afterAll(async () => {
  await ws.remove();
});

const changes = (): DeadLettersChangedEvent[] => ws.events.filter((event): event is DeadLettersChangedEvent => event.type === 'dlq.changed');
const change = (kind: DeadLettersChangedEvent['change'], after: number) =>
  (event: ApiEvent): event is DeadLettersChangedEvent => event.type === 'dlq.changed' && event.change === kind && ws.events.indexOf(event) >= after;

describe('dead letters changed events', () => {
  let letterId = '';

  it('signals letters a run created, and the marker counts them', async () => {
    const before = await ws.service['dlq.marker']({});
    expect(before).toEqual({ total: 0, marker: '0@-' });
    const { runId } = await ws.service['runs.start']({ flowId: 'checks', kind: 'run' });
    await ws.waitForEvent(finished(runId));
    expect(changes()).toEqual([{ type: 'dlq.changed', change: 'created', flowIds: ['checks'] }]);
    const after = await ws.service['dlq.marker']({});
    expect(after.total).toBe(1);
    expect(after.latestAt).toEqual(expect.any(String));
    expect(after.marker).not.toBe(before.marker);
    letterId = (await ws.service['dlq.page']({})).letters[0]?.id ?? '';
  });

  it('signals an edit, a replay that delivers and a discard, and the marker follows replay and discard', async () => {
    let from = ws.events.length;
    await ws.service['dlq.edit']({ id: letterId, payload: { n: 2, ok: true } });
    await ws.waitForEvent(change('edited', from));

    from = ws.events.length;
    const beforeReplay = await ws.service['dlq.marker']({});
    await ws.service['dlq.replay']({ ids: [letterId] });
    expect((await ws.waitForEvent(change('replayed', from))).flowIds).toEqual(['checks']);
    // Delivered: no letter was created by the replay run.
    expect(ws.events.slice(from).some(change('created', from))).toBe(false);
    const afterReplay = await ws.service['dlq.marker']({});
    expect(afterReplay.total).toBe(0);
    expect(afterReplay.marker).not.toBe(beforeReplay.marker);

    const { runId } = await ws.service['runs.start']({ flowId: 'checks', kind: 'run' });
    await ws.waitForEvent(finished(runId));
    const [letter] = (await ws.service['dlq.page']({})).letters;
    from = ws.events.length;
    expect(await ws.service['dlq.discard']({ ids: [letter?.id ?? ''] })).toEqual({ discarded: 1 });
    expect((await ws.waitForEvent(change('discarded', from))).flowIds).toEqual(['checks']);
    expect((await ws.service['dlq.marker']({})).total).toBe(0);
  });

  it('sends nothing when a discard found nothing to discard', async () => {
    const from = ws.events.length;
    expect(await ws.service['dlq.discard']({ ids: ['no-such-letter'] })).toEqual({ discarded: 0 });
    expect(ws.events.slice(from).filter((event) => event.type === 'dlq.changed')).toEqual([]);
  });
});
