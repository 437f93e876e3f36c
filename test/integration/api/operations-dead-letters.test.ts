// The Dead letters view's calls through the service, against a real HTTP target on 127.0.0.1: messages
// that got a 500 are listed with the status and counted per flow, node and error; a payload edited
// before the replay keeps the original in the letter's history; Replay all of a filter delivers them
// once the target recovers, as a replay run linked to the failed one; a mangled cursor is refused.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api/index.js';
import { ApiWorkspace, chainFlow, finished } from './api-workspace.js';

const ws = new ApiWorkspace();
let target: Server;
let answer = 500;
const received: unknown[] = [];

beforeAll(async () => {
  target = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => {
      if (answer === 200) received.push(JSON.parse(body) as unknown);
      response.writeHead(answer, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: answer === 200 }));
    });
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  const { port } = target.address() as AddressInfo;
  const flow = chainFlow('orders', [
    ['in', 'trigger.manual'],
    ['toErp', 'transform.map', { expression: '{ "orderNo": id }' }],
    ['erp', 'http.request', { method: 'POST', url: `http://127.0.0.1:${port}/orders` }],
  ], [{ id: 'A-1' }, { id: 'A-2' }, { id: 'A-3' }]);
  await ws.service['flows.save']({ document: { ...flow, nodes: flow.nodes.map((node) => (node.id === 'erp' ? { ...node, retry: { maxAttempts: 1, backoffMs: 0, maxBackoffMs: 0 } } : node)) } });
});

afterAll(async () => {
  await ws.remove();
  await new Promise((resolve) => target.close(resolve));
});

describe('dead letters for the operations views', () => {
  let failedRun = '';

  it('lists the dead letters of a run whose target answered 500, with the status and counts per node and error', async () => {
    failedRun = (await ws.service['runs.start']({ flowId: 'orders', kind: 'run' })).runId;
    await ws.waitForEvent(finished(failedRun));
    const page = await ws.service['dlq.page']({ flowId: 'orders' });
    expect(page.total).toBe(3);
    expect(page.groups).toEqual([{ flowId: 'orders', nodeId: 'erp', errorCode: 'HTTP_5XX', count: 3, latestAt: expect.any(String) }]);
    expect(page.letters.map((letter) => [letter.nodeId, letter.error.code, letter.httpStatus, letter.edited])).toEqual(Array.from({ length: 3 }, () => ['erp', 'HTTP_5XX', 500, false]));
    expect(page.nextCursor).toBeUndefined();
  });

  it('pages newest first with a cursor, and filters by node and error code', async () => {
    const first = await ws.service['dlq.page']({ flowId: 'orders', limit: 2 });
    expect(first.letters).toHaveLength(2);
    const second = await ws.service['dlq.page']({ flowId: 'orders', limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.letters).toHaveLength(1);
    expect(second.nextCursor).toBeUndefined();
    const ids = [...first.letters, ...second.letters].map((letter) => letter.id);
    expect(new Set(ids).size).toBe(3);
    expect((await ws.service['dlq.page']({ nodeId: 'toErp' })).total).toBe(0);
    expect((await ws.service['dlq.page']({ errorCode: 'HTTP_5XX', runId: failedRun })).total).toBe(3);
  });

  it('edits a payload before a replay and keeps the original in its history', async () => {
    const [letter] = (await ws.service['dlq.page']({ flowId: 'orders', limit: 1 })).letters;
    if (!letter) throw new Error('expected a dead letter');
    const original = (await ws.service['dlq.get']({ id: letter.id })).payload;
    const edited = await ws.service['dlq.edit']({ id: letter.id, payload: { orderNo: 'EDITED' } });
    expect(edited.payload).toEqual({ orderNo: 'EDITED' });
    expect(edited.edits).toEqual([{ at: expect.any(String), payload: original }]);
    expect((await ws.service['dlq.page']({ flowId: 'orders' })).letters.find((item) => item.id === letter.id)?.edited).toBe(true);
  });

  it('replays every letter of a filter once the target recovers: one replay run linked to the failed run, and the list empties', async () => {
    answer = 200;
    const result = await ws.service['dlq.replayAll']({ flowId: 'orders', nodeId: 'erp' });
    expect(result.replayed).toBe(3);
    expect(result.reports).toHaveLength(1);
    expect(result.reports[0]).toMatchObject({ status: 'succeeded', counts: { dead: 0, received: 3 } });
    expect(received).toHaveLength(3);
    expect(received).toContainEqual({ orderNo: 'EDITED' });
    expect((await ws.service['dlq.page']({ flowId: 'orders' })).total).toBe(0);
    const detail = await ws.service['runs.detail']({ runId: failedRun });
    expect(detail.replays.map((replay) => [replay.runId, replay.kind, replay.replayOf])).toEqual([[result.reports[0]?.runId, 'replay', failedRun]]);
    expect(detail.deadLetters).toEqual([]);
  });

  it('refuses Replay all when nothing matches, an edit of a replayed letter, and a mangled cursor', async () => {
    await expect(ws.service['dlq.replayAll']({ flowId: 'orders' })).rejects.toMatchObject({ code: 'NOTHING_TO_REPLAY' });
    const [replayed] = (await ws.service['dlq.page']({ flowId: 'orders', includeReplayed: true, limit: 1 })).letters;
    await expect(ws.service['dlq.edit']({ id: replayed?.id ?? '', payload: {} })).rejects.toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringMatching(/already replayed/) });
    await expect(ws.service['dlq.edit']({ id: 'nope', payload: {} })).rejects.toMatchObject({ code: 'DEAD_LETTER_NOT_FOUND' });
    await expect(dispatch(ws.service, 'dlq.page', { cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringMatching(/cursor/) });
    await expect(dispatch(ws.service, 'dlq.edit', { id: 'x' })).rejects.toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringMatching(/payload/) });
  });
});
