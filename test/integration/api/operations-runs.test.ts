// The Runs view's calls through the service on a real engine and SQLite file: a page of runs newest first
// with filters (flow, status, kind, time range, a run or message id) and a keyset cursor; one run's
// steps per node; its steps page by page; and one message's payload before and after every node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api/index.js';
import type { RunListItem } from '../../../shared/api/runs.js';
import { ApiWorkspace, chainFlow, finished } from './api-workspace.js';

const ws = new ApiWorkspace();
const started: string[] = [];
let beforeAllRuns = '';

async function runToEnd(flowId: string, inputs?: Record<string, unknown[]>): Promise<string> {
  const { runId } = await ws.service['runs.start']({ flowId, kind: 'run', ...(inputs ? { inputs } : {}) });
  await ws.waitForEvent(finished(runId));
  started.push(runId);
  return runId;
}

beforeAll(async () => {
  beforeAllRuns = new Date(Date.now() - 1000).toISOString();
  await ws.service['flows.save']({
    document: chainFlow('prices', [
      ['in', 'trigger.manual'],
      ['price', 'transform.map', { expression: 'price > 0 ? { "sku": sku, "total": price * 2 } : $error("price of " & sku & " must be positive")' }],
      ['out', 'output.log'],
    ], [{ sku: 'A', price: 3 }]),
  });
  await ws.service['flows.save']({ document: chainFlow('other', [['in', 'trigger.manual'], ['out', 'output.log']], [{ n: 1 }]) });
  for (let i = 0; i < 5; i++) await runToEnd('prices');
  await runToEnd('prices', { in: [{ sku: 'B', price: 0 }, { sku: 'C', price: 5 }] });
  await runToEnd('other');
});

afterAll(async () => {
  await ws.remove();
});

describe('the run history', () => {
  it('pages runs newest first with a cursor, the total over all pages', async () => {
    const seen: RunListItem[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await ws.service['runs.page']({ limit: 3, ...(cursor === undefined ? {} : { cursor }) });
      expect(result.total).toBe(7);
      seen.push(...result.runs);
      cursor = result.nextCursor;
      if (cursor === undefined) break;
    }
    expect(seen.map((run) => run.runId)).toEqual([...started].reverse());
    expect(seen[0]).toMatchObject({ flowId: 'other', kind: 'run', status: 'succeeded', counts: { received: 1, dead: 0 }, durationMs: expect.any(Number) });
  });

  it('filters by flow, status, kind, time range and a message id', async () => {
    const failed = await ws.service['runs.page']({ statuses: ['failed'] });
    expect(failed.runs.map((run) => [run.flowId, run.counts.dead])).toEqual([['prices', 1]]);
    expect((await ws.service['runs.page']({ flowId: 'other' })).total).toBe(1);
    expect((await ws.service['runs.page']({ kinds: ['replay'] })).total).toBe(0);
    expect((await ws.service['runs.page']({ from: beforeAllRuns })).total).toBe(7);
    expect((await ws.service['runs.page']({ before: beforeAllRuns })).total).toBe(0);
    const failedRun = failed.runs[0]?.runId ?? '';
    const bySearch = await ws.service['runs.page']({ search: `${failedRun}.1.2/0` });
    expect(bySearch.runs.map((run) => run.runId)).toEqual([failedRun]);
  });

  it('shows a run\'s steps per node with counts, errors and timings, and its dead letters per node and error', async () => {
    const [failed] = (await ws.service['runs.page']({ statuses: ['failed'] })).runs;
    const detail = await ws.service['runs.detail']({ runId: failed?.runId ?? '' });
    expect(detail.nodes.map((node) => [node.nodeId, node.steps, node.errors])).toEqual([['in', 2, 0], ['price', 2, 1], ['out', 1, 0]]);
    expect(detail.nodes.every((node) => node.avgMs >= 0 && node.maxMs >= node.avgMs)).toBe(true);
    expect(detail.nodes.map((node) => [node.nodeId, node.byPort, node.failedMessages, node.lastError?.code])).toEqual([
      ['in', { out: 2 }, 0, undefined], ['price', { out: 1 }, 1, 'MAPPING_ERROR'], ['out', { out: 1 }, 0, undefined],
    ]);
    expect(detail.deadLetters).toEqual([{ nodeId: 'price', errorCode: 'MAPPING_ERROR', count: 1 }]);
    expect(detail.replays).toEqual([]);
  });

  it('pages a run\'s steps at a node, and shows one message before and after every node', async () => {
    const [failed] = (await ws.service['runs.page']({ statuses: ['failed'] })).runs;
    const runId = failed?.runId ?? '';
    const pages: number[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await ws.service['runs.messages']({ runId, limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      pages.push(result.steps.length);
      cursor = result.nextCursor;
      if (cursor === undefined) break;
    }
    expect(pages).toEqual([2, 2, 1]);
    const atPrice = await ws.service['runs.messages']({ runId, nodeId: 'price' });
    expect(atPrice.steps.map((step) => step.error?.code ?? 'ok')).toEqual(['MAPPING_ERROR', 'ok']);

    const good = atPrice.steps[1]?.messageId ?? '';
    const path = await ws.service['runs.message']({ runId, messageId: good });
    expect(path.steps.map((step) => step.nodeId)).toEqual(['in', 'price', 'out']);
    const price = path.steps[1];
    expect(price?.input).toEqual({ sku: 'C', price: 5 });
    expect(price?.outputs?.map((output) => output.payload)).toEqual([{ sku: 'C', total: 10 }]);
  });

  it('finds runs by a value inside their payloads, window by window', async () => {
    const [failed] = (await ws.service['runs.page']({ statuses: ['failed'] })).runs;
    const found = await ws.service['runs.search']({ text: '"sku":"C"' });
    expect(found.runs.map((run) => run.runId)).toEqual([failed?.runId]);
    expect(found.nextCursor).toBeUndefined();
    expect((await ws.service['runs.search']({ text: 'no such value anywhere' })).runs).toEqual([]);

    // One step row per call: the search goes on with the cursor until the oldest step, and finds the same run.
    const runIds = new Set<string>();
    let cursor: string | undefined;
    let calls = 0;
    for (; calls < 100; calls++) {
      const page = await ws.service['runs.search']({ text: '"sku":"C"', scanSteps: 1, ...(cursor === undefined ? {} : { cursor }) });
      expect(page.scannedSteps).toBe(1);
      for (const run of page.runs) runIds.add(run.runId);
      cursor = page.nextCursor;
      if (cursor === undefined) break;
    }
    expect([...runIds]).toEqual([failed?.runId]);
    // Five good runs (in, price, out), the failed run (2 in, 2 price, 1 out) and the other flow (in, out): one call per step row.
    expect(calls + 1).toBe(5 * 3 + 5 + 2);
  });

  it('names an unknown run and refuses a mangled cursor or time', async () => {
    await expect(ws.service['runs.detail']({ runId: 'r-nope' })).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
    await expect(ws.service['runs.message']({ runId: started[0] ?? '', messageId: 'nope' })).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
    await expect(dispatch(ws.service, 'runs.page', { cursor: 'eyJ4IjoxfQ' })).rejects.toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringMatching(/cursor/) });
    await expect(dispatch(ws.service, 'runs.page', { from: 'yesterday' })).rejects.toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringMatching(/from.*ISO 8601/) });
  });
});
