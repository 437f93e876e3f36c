// The reads the designer's operations views make (runs.page, runs.detail, runs.messages, runs.search,
// dlq.page), through main/api's RunHistory and DeadLetterPages on the store under test: newest first,
// cursors that walk every row exactly once, each filter, and a payload search bounded per call. Every
// store answers them the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreHarness } from '../../../fixtures/engine/stores.js';
import { chain, TempWorkspace } from '../../../fixtures/engine/workspace.js';
import { DeadLetterPages } from '../../../../main/api/dead-letter-pages.js';
import { RunHistory } from '../../../../main/api/run-history.js';
import type { Engine } from '../../../../main/engine/index.js';
import type { DeadLetterItem } from '../../../../shared/api/dead-letters.js';
import type { RunListItem, StepTrace } from '../../../../shared/api/index.js';

/** Pages through every cursor of a paged read; bounded so a cursor that never ends fails the test. */
async function everyPage<Page extends { nextCursor?: string }>(read: (cursor?: string) => Promise<Page>, maxPages = 100): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== undefined && pages.length < maxPages);
  if (cursor !== undefined) throw new Error(`still a next page after ${maxPages} pages`);
  return pages;
}

const newestFirst = (items: Array<{ at: string; id: string }>): boolean =>
  items.every((item, index) => index === 0 || item.at < items[index - 1]!.at || (item.at === items[index - 1]!.at && item.id < items[index - 1]!.id));

export function operationsReadsSuite(harness: StoreHarness): void {
  describe('operations reads', () => {
    const ws = new TempWorkspace(harness);
    let engine: Engine;
    let history: RunHistory;
    let letters: DeadLetterPages;
    /** Run ids in the order they were started. */
    const started: string[] = [];
    let failedRun = '';
    let replayRun = '';
    let testRun = '';
    const checks = chain('checks', [['in', 'trigger.manual'], ['m', 'transform.map', { expression: 'ok ? { "n": n, "tag": tag } : $error("bad " & $string(n))' }]]);
    const other = chain('other', [['in', 'trigger.manual'], ['x', 'transform.map', { expression: '$number(v)' }]]);

    beforeAll(async () => {
      engine = await ws.open();
      const store = await ws.store();
      history = new RunHistory(store);
      letters = new DeadLetterPages(store);
      const run = async (flow: typeof checks, messages: unknown[], kind: 'run' | 'test' = 'run'): Promise<string> => {
        const runId = await engine.startRun({ flow, kind, inputs: [{ triggerId: 'in', messages }] });
        await engine.drive(runId);
        started.push(runId);
        return runId;
      };
      for (let index = 0; index < 5; index += 1) await run(checks, [{ n: index, ok: true, tag: `plain-${index}` }]);
      failedRun = await run(checks, Array.from({ length: 12 }, (_, n) => ({ n, ok: n % 3 !== 0, tag: n === 7 ? 'needle-7' : `t-${n}` })));
      await run(other, [{ v: '1' }, { v: 'x' }, { v: 'y' }]);
      testRun = await run(checks, [{ n: 99, ok: true, tag: 'test' }], 'test');
      const toReplay = (await letters.page({ runId: failedRun, limit: 1 })).letters.map((letter) => letter.id);
      replayRun = (await engine.replay(toReplay, checks)).runId;
      started.push(replayRun);
    }, 60_000);

    afterAll(() => ws.remove());

    it('runs.page lists every run newest first, and its cursors walk them all exactly once', async () => {
      const pages = await everyPage((cursor) => history.page({ limit: 3, ...(cursor === undefined ? {} : { cursor }) }));
      const runs: RunListItem[] = pages.flatMap((page) => page.runs);
      expect(pages.every((page) => page.total === started.length)).toBe(true);
      expect(pages.slice(0, -1).every((page) => page.runs.length === 3)).toBe(true);
      expect(runs.map((item) => item.runId).sort()).toEqual([...started].sort());
      expect(newestFirst(runs.map((item) => ({ at: item.startedAt, id: item.runId })))).toBe(true);
    });

    it('runs.page filters by flow, status, kind, time range and a run or message id', async () => {
      expect((await history.page({ flowId: 'other' })).total).toBe(1);
      expect((await history.page({ flowId: 'checks' })).total).toBe(started.length - 1);
      const failed = await history.page({ statuses: ['failed'] });
      expect(failed.runs.map((item) => item.flowId).sort()).toEqual(['checks', 'checks', 'other']);
      expect(failed.runs.every((item) => item.status === 'failed')).toBe(true);
      expect((await history.page({ kinds: ['test'] })).runs.map((item) => item.runId)).toEqual([testRun]);
      const replays = await history.page({ kinds: ['replay'] });
      expect(replays.runs.map((item) => [item.runId, item.replayOf])).toEqual([[replayRun, failedRun]]);
      expect((await history.page({ from: '2999-01-01T00:00:00Z' })).total).toBe(0);
      expect((await history.page({ before: '2000-01-01T00:00:00Z' })).total).toBe(0);
      expect((await history.page({ from: '2000-01-01T00:00:00Z', before: '2999-01-01T00:00:00Z' })).total).toBe(started.length);
      expect((await history.page({ search: failedRun })).runs.map((item) => item.runId)).toEqual([failedRun]);
      expect((await history.page({ search: `${failedRun}.0.3/0` })).runs.map((item) => item.runId)).toEqual([failedRun]);
      // Filters and cursors together: the second page keeps to the filter.
      const first = await history.page({ flowId: 'checks', limit: 2 });
      const second = await history.page({ flowId: 'checks', limit: 2, cursor: first.nextCursor ?? '' });
      expect(second.runs.every((item) => item.flowId === 'checks')).toBe(true);
      expect(second.runs.map((item) => item.runId)).not.toContain(first.runs[0]?.runId);
    });

    it('runs.detail sums each node\'s steps and errors, groups the dead letters and links the replay', async () => {
      const detail = await history.detail(failedRun);
      expect(detail.run.counts).toMatchObject({ received: 12, dead: 4 });
      const byNode = Object.fromEntries(detail.nodes.map((node) => [node.nodeId, node]));
      expect(byNode.in).toMatchObject({ steps: 12, errors: 0 });
      expect(byNode.m).toMatchObject({ steps: 12, messages: 12, errors: 4, failedMessages: 4 });
      expect(detail.deadLetters).toEqual([{ nodeId: 'm', errorCode: 'MAPPING_ERROR', count: 3 }]);
      expect(detail.replays.map((item) => item.runId)).toEqual([replayRun]);
    });

    it('runs.messages pages a run\'s steps in one stable order, at one node or all, each step once', async () => {
      const pages = await everyPage((cursor) => history.messages({ runId: failedRun, nodeId: 'm', limit: 5, ...(cursor === undefined ? {} : { cursor }) }));
      const steps: StepTrace[] = pages.flatMap((page) => page.steps);
      expect(steps).toHaveLength(12);
      expect(steps.every((step) => step.nodeId === 'm')).toBe(true);
      expect(new Set(steps.map((step) => step.messageId)).size).toBe(12);
      const all = (await everyPage((cursor) => history.messages({ runId: failedRun, limit: 7, ...(cursor === undefined ? {} : { cursor }) }))).flatMap((page) => page.steps);
      expect(all).toHaveLength(24);
      // Pages continue where the last one stopped: together they are the one-page answer, in the same order.
      const single = await history.messages({ runId: failedRun, limit: 1000 });
      expect(single.nextCursor).toBeUndefined();
      expect(all.map((step) => `${step.nodeId} ${step.messageId} ${step.attempt}`)).toEqual(single.steps.map((step) => `${step.nodeId} ${step.messageId} ${step.attempt}`));
      // Each message reaches `m` after `in` handed it on: its id is the one at `in` plus the edge.
      const atIn = new Set(all.filter((step) => step.nodeId === 'in').map((step) => step.messageId));
      expect(steps.every((step) => atIn.has(step.messageId.slice(0, step.messageId.lastIndexOf('/'))))).toBe(true);
      await expect(history.messages({ runId: 'no-such-run' })).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
    });

    it('runs.search finds the runs whose payloads hold a text, window by window, never past its bound', async () => {
      const { traces } = await ws.store();
      if (!traces.searchPayloads) return; // Optional in the store contract until every store has it (runs.search answers NOT_IMPLEMENTED).
      const whole = await history.search({ text: 'needle-7' });
      expect(whole.runs.map((item) => item.runId)).toEqual([failedRun]);
      const windows = await everyPage((cursor) => history.search({ text: 'plain-', scanSteps: 4, ...(cursor === undefined ? {} : { cursor }) }));
      expect(windows.every((page) => page.scannedSteps <= 4)).toBe(true);
      expect(windows.length).toBeGreaterThan(1);
      const found = new Set(windows.flatMap((page) => page.runs.map((item) => item.runId)));
      expect([...found].sort()).toEqual(started.slice(0, 5).sort());
      expect((await history.search({ text: 'no such text anywhere' })).runs).toEqual([]);
    });

    it('dlq.page lists waiting letters newest first with cursors, filters, counts per group, and leaves replayed ones out', async () => {
      const pages = await everyPage((cursor) => letters.page({ limit: 2, ...(cursor === undefined ? {} : { cursor }) }));
      const listed: DeadLetterItem[] = pages.flatMap((page) => page.letters);
      // 4 of the failed run (one replayed, which died again: a letter of the replay run) and 2 of the other flow.
      expect(listed).toHaveLength(6);
      expect(new Set(listed.map((letter) => letter.id)).size).toBe(6);
      expect(pages.every((page) => page.total === 6)).toBe(true);
      expect(newestFirst(listed.map((letter) => ({ at: letter.createdAt, id: letter.id })))).toBe(true);
      expect(listed.some((letter) => letter.replayedIn !== undefined)).toBe(false);
      const first = pages[0]!;
      expect(first.groups.map((group) => [group.flowId, group.nodeId, group.errorCode, group.count]).sort()).toEqual([
        ['checks', 'm', 'MAPPING_ERROR', 4],
        ['other', 'x', 'MAPPING_ERROR', 2],
      ]);
      expect((await letters.page({ flowId: 'other' })).letters.map((letter) => letter.flowId)).toEqual(['other', 'other']);
      expect((await letters.page({ nodeId: 'm' })).total).toBe(4);
      expect((await letters.page({ runId: failedRun })).total).toBe(3);
      expect((await letters.page({ runId: replayRun })).total).toBe(1);
      expect((await letters.page({ errorCode: 'HTTP_5XX' })).total).toBe(0);
      expect((await letters.page({ includeReplayed: true })).total).toBe(7);
      const filtered = await everyPage((cursor) => letters.page({ flowId: 'checks', limit: 3, ...(cursor === undefined ? {} : { cursor }) }));
      expect(filtered.flatMap((page) => page.letters).every((letter) => letter.flowId === 'checks')).toBe(true);
      expect(filtered.flatMap((page) => page.letters)).toHaveLength(4);
    });

    // Last: its runs would change the totals the tests above count.
    it('runs.logs pages one run\'s log by seq, from the start or the tail, never another run\'s lines', async () => {
      const talk = chain('talk', [['in', 'trigger.manual'], ['say', 'output.log']]);
      const [one, two] = [await engine.startRun({ flow: talk, inputs: [{ triggerId: 'in', messages: [1, 2, 3, 4, 5] }] }), await engine.startRun({ flow: talk, inputs: [{ triggerId: 'in', messages: [6] }] })];
      await Promise.all([engine.drive(one), engine.drive(two)]);
      const all = await history.logs({ runId: one });
      expect(all.filter((line) => line.nodeId === 'say')).toHaveLength(5);
      expect(all.every((line, index) => index === 0 || line.seq > all[index - 1]!.seq)).toBe(true);
      const first = await history.logs({ runId: one, limit: 2 });
      expect(first).toEqual(all.slice(0, 2));
      expect(await history.logs({ runId: one, after: first[1]!.seq, limit: 2 })).toEqual(all.slice(2, 4));
      expect(await history.logs({ runId: one, limit: 2, latest: true })).toEqual(all.slice(-2));
      expect(await history.logs({ runId: one, before: all.at(-2)!.seq, limit: 2, latest: true })).toEqual(all.slice(-4, -2));
      expect(await history.logs({ runId: one, after: all.at(-1)!.seq })).toEqual([]);
      expect((await history.logs({ runId: two })).filter((line) => line.nodeId === 'say')).toHaveLength(1);
    });
  });
}
