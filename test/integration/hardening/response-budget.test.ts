// Bounded memory of http.request responses (DESIGN.md §4 "Back pressure", §11): every body is read
// within the process's response budget, so 64 concurrent 8 MB answers through the real http.request
// executor, against a real server on 127.0.0.1, complete with never more than the budget of bodies
// reserved at once — measured as the bytes the budget accounted, not as RSS over time.
import { setMaxListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpRequestExecutor } from '../../../main/engine/nodes/http-request.js';
import {
  budgetFromEnvironment, closeHttpAgent, configureResponseBudget, DEFAULT_RESPONSE_BUDGET_BYTES, ResponseBudget, responseBudget, sendRequest,
} from '../../../main/http/index.js';
import { httpContext, message } from '../http-request/node-context.js';

const MiB = 1024 * 1024;
const ANSWER = Buffer.alloc(8 * 1000 * 1000, 'x');
let server: Server;
let base: string;
/**
 * Every answer sends its headers and the first half of its body at once and the rest only when the
 * test opens the gate: until then no reader can finish and give its reservation back, so how many
 * read and how many wait is decided by the budget alone, not by timing.
 */
let held: Array<() => void> = [];
let gateOpen = false;

function openGate(): void {
  gateOpen = true;
  for (const finish of held) finish();
  held = [];
}

/** Bounded: 600 polls of 50 ms for a state the budget must reach. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let poll = 0; poll < 600; poll += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`not reached within 30 s: ${what}`);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const half = ANSWER.subarray(0, 1000);
    const chunked = req.url === '/chunked';
    // Without Content-Length the reader must reserve the most it would accept.
    res.writeHead(200, { 'content-type': 'text/plain', ...(chunked ? {} : { 'content-length': String(ANSWER.length) }) });
    res.write(half);
    const finish = (): void => void res.end(chunked ? half : ANSWER.subarray(half.length));
    if (gateOpen) finish();
    else held.push(finish);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  openGate();
  gateOpen = false;
  configureResponseBudget(DEFAULT_RESPONSE_BUDGET_BYTES);
});

afterAll(async () => {
  await closeHttpAgent();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the response budget', () => {
  it('reads 64 answers of 8 MB under concurrency 64 without ever holding more than the budget', async () => {
    const budget = configureResponseBudget(64 * MiB);
    // One engine signal shared by 64 calls in flight, as the engine does (each call listens on it).
    const engine = new AbortController();
    setMaxListeners(128, engine.signal);
    const ctx = httpContext({ method: 'GET', url: `${base}/big`, concurrency: 64, timeoutMs: 120_000 }, { signal: engine.signal });
    // Each answer is reduced to its length as soon as it arrives, so the test itself keeps none.
    const calls = Promise.all(Array.from({ length: 64 }, async () => {
      const [emission] = await httpRequestExecutor.execute(message({}), ctx);
      return (emission!.payload as string).length;
    }));
    // 8 answers of 8 MB fit in 64 MiB: those read, the other 56 wait before reading a byte.
    await until(() => budget.stats().waiting === 56, '56 readers waiting for the budget');
    expect(budget.stats().inUseBytes).toBe(8 * ANSWER.length);
    openGate();
    expect(await calls).toEqual(Array.from({ length: 64 }, () => ANSWER.length));
    const stats = budget.stats();
    expect(stats.peakBytes).toBeLessThanOrEqual(64 * MiB);
    expect(stats).toMatchObject({ inUseBytes: 0, waiting: 0, waited: 56 });
  });

  it('reserves the most a caller accepts when the server sends no Content-Length', async () => {
    const budget = configureResponseBudget(20 * MiB);
    const read = (): Promise<number> => sendRequest({ method: 'GET', url: new URL(`${base}/chunked`), headers: {}, signal: AbortSignal.timeout(60_000) }).then((r) => r.body.length);
    const both = Promise.all([read(), read()]);
    // 16 MiB (the default cap of a 2xx body) each: the second waits for the first.
    await until(() => budget.stats().waiting === 1, 'the second reader waiting');
    expect(budget.stats().inUseBytes).toBe(16 * MiB);
    openGate();
    expect(await both).toEqual([2000, 2000]);
    expect(budget.stats()).toMatchObject({ peakBytes: 16 * MiB, waited: 1, inUseBytes: 0 });
  });

  it('is the budget the process reads within, 256 MiB unless configured', () => {
    expect(responseBudget().limitBytes).toBe(256 * MiB);
  });

  it('takes its size from PIPEWRIGHT_RESPONSE_BUDGET_MB, refusing a value that is not a number of MiB', () => {
    expect(budgetFromEnvironment({})).toBe(256 * MiB);
    expect(budgetFromEnvironment({ PIPEWRIGHT_RESPONSE_BUDGET_MB: ' 512 ' })).toBe(512 * MiB);
    for (const wrong of ['0', '1.5', '-4', 'lots']) {
      expect(() => budgetFromEnvironment({ PIPEWRIGHT_RESPONSE_BUDGET_MB: wrong }), wrong).toThrow(`PIPEWRIGHT_RESPONSE_BUDGET_MB="${wrong}" is not a number of MiB`);
    }
  });
});

describe('ResponseBudget', () => {
  it('serves waiters in order, cuts a reservation larger than the budget to the budget, and forgets one whose caller gave up', async () => {
    const budget = new ResponseBudget(100);
    const first = await budget.reserve(80);
    const order: string[] = [];
    const stopped = new AbortController();
    const abandoned = budget.reserve(50, stopped.signal).then(() => order.push('abandoned'), () => order.push('gave up'));
    const huge = budget.reserve(10_000).then((release) => { order.push('huge'); return release; });
    const small = budget.reserve(10).then((release) => { order.push('small'); return release; });
    stopped.abort(new Error('stopped'));
    await abandoned;
    // The small one fits now but waits behind the huge one: first come, first served.
    expect(order).toEqual(['gave up']);
    first();
    const releaseHuge = await huge;
    expect(budget.stats()).toMatchObject({ inUseBytes: 100, waiting: 1 });
    releaseHuge();
    releaseHuge();
    (await small)();
    expect(order).toEqual(['gave up', 'huge', 'small']);
    expect(budget.stats()).toMatchObject({ inUseBytes: 0, peakBytes: 100, waiting: 0 });
  });

  it('refuses a budget that is not a positive number of bytes', () => {
    expect(() => new ResponseBudget(0)).toThrow(/positive number of bytes/);
  });
});
