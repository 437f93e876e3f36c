import { describe, expect, it } from 'vitest';
import type { Timers } from '../../../renderer/src/mapping/evaluation-scheduler.js';
import { createEvaluationHost } from '../../../renderer/src/mapping/evaluation-host.js';
import type { OutputView } from '../../../renderer/src/mapping/mapping-output-text.js';
import { createWorkerEvaluator, sampleTextOf, WorkerUnavailableError, type WorkerLike } from '../../../renderer/src/mapping/worker-evaluator.js';
import type { FromWorker, ToWorker } from '../../../renderer/src/mapping/worker-messages.js';
import { createMappingHandlers } from '../../../main/api/mapping-handlers.js';
import { outputView } from '../../../renderer/src/mapping/mapping-output-text.js';

const RUNAWAY_LOOP = '($f := function($n) { $f($n + 1) }; $f(0))';

/** A host and everything it posted. */
function host() {
  const posted: FromWorker[] = [];
  const worker = createEvaluationHost((message) => posted.push(message));
  return { posted, worker };
}

const evaluate = (id: number, expression: string, extra: Partial<Extract<ToWorker, { type: 'evaluate' }>> = {}): ToWorker => ({ type: 'evaluate', id, sampleId: 1, expression, kind: 'expression', ...extra });

describe('the mapping evaluation worker (message handling)', () => {
  it('parses the sample once and answers each expression with the pane\'s formatted output', async () => {
    const { posted, worker } = host();
    await worker.receive({ type: 'sample', sampleId: 1, text: JSON.stringify({ name: 'Ada', items: [{ qty: 2 }, { qty: 3 }] }) });
    await worker.receive(evaluate(1, '{ "greeting": $uppercase(name), "units": $sum(items.qty) }'));
    await worker.receive(evaluate(2, 'missing'));
    await worker.receive(evaluate(3, '$meta.runId'));
    expect(posted).toMatchObject([
      { type: 'answer', id: 1, view: { state: 'result', text: JSON.stringify({ greeting: 'ADA', units: 5 }, null, 2) } },
      { type: 'answer', id: 2, view: { state: 'empty' } },
      { type: 'answer', id: 3, view: { state: 'result', text: '"sample"' } },
    ]);
  });

  it('fails with the engine\'s codes and ranges: syntax, PW-TIMEOUT and PW-DEPTH', async () => {
    const { posted, worker } = host();
    await worker.receive({ type: 'sample', sampleId: 1, text: '{}' });
    await worker.receive(evaluate(1, '$sum(items.qty)+/2'));
    await worker.receive(evaluate(2, RUNAWAY_LOOP, { timeoutMs: 50 }));
    await worker.receive(evaluate(3, '($f := function($n) { 1 + $f($n + 1) }; $f(0))'));
    const views = posted.map((message) => (message.type === 'answer' ? message.view : undefined));
    expect(views.map((view) => (view?.state === 'error' ? view.code : view?.state))).toEqual([expect.stringMatching(/^S0/), 'PW-TIMEOUT', 'PW-DEPTH']);
    expect(views[0]).toMatchObject({ range: { start: expect.any(Number) as number, end: expect.any(Number) as number } });
  });

  it('answers what mapping.evaluate answers for the same expression and sample', async () => {
    const { posted, worker } = host();
    const sample = { id: 'A-1', lines: [{ qty: 2, price: 60 }] };
    await worker.receive({ type: 'sample', sampleId: 1, text: JSON.stringify(sample) });
    const service = createMappingHandlers();
    const expressions = ['{ "orderNo": id, "total": $sum(lines.(qty*price)) }', 'lines[0].qty + "x"', 'nothing', '$meta'];
    for (const [index, expression] of expressions.entries()) {
      await worker.receive(evaluate(index + 1, expression));
      const fromService = outputView(await service['mapping.evaluate']({ expression, input: sample }));
      const fromWorker = posted[index];
      expect(fromWorker?.type).toBe('answer');
      const view = (fromWorker as { view: OutputView }).view;
      expect({ ...view, durationMs: 0 }).toEqual({ ...fromService, durationMs: 0 });
    }
  });

  it('renders templates with the error range inside the whole template', async () => {
    const { posted, worker } = host();
    await worker.receive({ type: 'sample', sampleId: 1, text: '{"id":"A-1"}' });
    await worker.receive(evaluate(1, 'https://erp/orders/{{ id }}', { kind: 'template' }));
    await worker.receive(evaluate(2, 'https://erp/{{ id + }}', { kind: 'template' }));
    expect(posted[0]).toMatchObject({ view: { state: 'result', text: '"https://erp/orders/A-1"' } });
    expect(posted[1]).toMatchObject({ view: { state: 'error' } });
    const range = (posted[1] as { view: { range?: { start: number } } }).view.range;
    expect(range?.start).toBeGreaterThanOrEqual('https://erp/{{'.length);
  });

  it('answers an evaluation overtaken by a newer one as superseded, without formatting it', async () => {
    const { posted, worker } = host();
    await worker.receive({ type: 'sample', sampleId: 1, text: JSON.stringify({ n: [1, 2, 3] }) });
    // Both in flight at once: JSONata yields between steps, so the second starts before the first ends.
    await Promise.all([worker.receive(evaluate(1, '$sum(n)')), worker.receive(evaluate(2, '$count(n)'))]);
    expect(posted).toContainEqual({ type: 'superseded', id: 1 });
    expect(posted).toContainEqual(expect.objectContaining({ type: 'answer', id: 2 }));
  });

  it('says so when the sample is not JSON or was never received', async () => {
    const { posted, worker } = host();
    await worker.receive({ type: 'sample', sampleId: 1, text: '{broken' });
    await worker.receive(evaluate(1, '$'));
    await worker.receive(evaluate(2, '$', { sampleId: 7 }));
    expect(posted).toMatchObject([{ type: 'failed', id: 1, message: expect.stringMatching(/not JSON/) as string }, { type: 'failed', id: 2 }]);
  });
});

/** A clock that moves only when told to. */
function fakeClock() {
  let now = 0;
  let nextId = 1;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: Timers = {
    setTimeout: (callback, ms) => {
      const id = nextId++;
      pending.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, timer] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at <= now) {
        pending.delete(id);
        timer.callback();
      }
    }
  };
  return { timers, advance, now: () => now };
}

/** Fake workers: record what they were sent, answer by hand, and know whether they were terminated. */
function fakeWorkers() {
  const workers: Array<WorkerLike & { sent: ToWorker[]; terminated: boolean; answer(message: FromWorker): void }> = [];
  const createWorker = (): WorkerLike => {
    const worker = {
      sent: [] as ToWorker[],
      terminated: false,
      onmessage: null as WorkerLike['onmessage'],
      onerror: null as WorkerLike['onerror'],
      postMessage(message: ToWorker) {
        worker.sent.push(message);
      },
      terminate() {
        worker.terminated = true;
      },
      answer(message: FromWorker) {
        worker.onmessage?.({ data: message });
      },
    };
    workers.push(worker);
    return worker;
  };
  return { workers, createWorker };
}

const view = (text: string): OutputView => ({ state: 'result', text, durationMs: 1 });
const request = (expression: string, input: unknown = { a: 1 }) => ({ expression, input, kind: 'expression' as const });

describe('the worker evaluator (UI side)', () => {
  it('sends the sample once as text and then only expressions', async () => {
    const { workers, createWorker } = fakeWorkers();
    const evaluator = createWorkerEvaluator({ createWorker, timers: fakeClock().timers });
    const input = { a: 1 };
    const first = evaluator.evaluate(request('a', input));
    workers[0]?.answer({ type: 'answer', id: 1, view: view('1') });
    expect(await first).toEqual(view('1'));
    const second = evaluator.evaluate(request('a + 1', input));
    workers[0]?.answer({ type: 'answer', id: 2, view: view('2') });
    expect(await second).toEqual(view('2'));
    expect(workers[0]?.sent.map((message) => message.type)).toEqual(['sample', 'evaluate', 'evaluate']);
    expect(workers[0]?.sent[0]).toEqual({ type: 'sample', sampleId: 1, text: '{"a":1}' });
    const other = evaluator.evaluate(request('a', { a: 2 }));
    expect(workers[0]?.sent.slice(3).map((message) => message.type)).toEqual(['sample', 'evaluate']);
    workers[0]?.answer({ type: 'answer', id: 3, view: view('2') });
    await other;
  });

  it('stops a superseded evaluation that keeps running by restarting the worker, which gets the sample again', async () => {
    const clock = fakeClock();
    const { workers, createWorker } = fakeWorkers();
    const evaluator = createWorkerEvaluator({ createWorker, timers: clock.timers, now: clock.now, supersededAfterMs: 100 });
    const input = { a: 1 };
    const controller = new AbortController();
    const slow = evaluator.evaluate(request(RUNAWAY_LOOP, input), controller.signal);
    clock.advance(30);
    controller.abort();
    clock.advance(50);
    expect(workers[0]?.terminated).toBe(false);
    clock.advance(20);
    expect(workers[0]?.terminated).toBe(true);
    await expect(slow).rejects.toThrow(/superseded/);
    const next = evaluator.evaluate(request('a', input));
    expect(evaluator.started).toBe(2);
    expect(workers[1]?.sent.map((message) => message.type)).toEqual(['sample', 'evaluate']);
    workers[1]?.answer({ type: 'answer', id: 2, view: view('1') });
    expect(await next).toEqual(view('1'));
  });

  it('lets a superseded evaluation that finishes in time answer without a restart', async () => {
    const clock = fakeClock();
    const { workers, createWorker } = fakeWorkers();
    const evaluator = createWorkerEvaluator({ createWorker, timers: clock.timers, now: clock.now, supersededAfterMs: 100 });
    const controller = new AbortController();
    const quick = evaluator.evaluate(request('a'), controller.signal);
    controller.abort();
    clock.advance(10);
    workers[0]?.answer({ type: 'answer', id: 1, view: view('1') });
    expect(await quick).toEqual(view('1'));
    clock.advance(500);
    expect(workers[0]?.terminated).toBe(false);
  });

  it('answers PW-TIMEOUT and restarts the worker when an evaluation outlives the time limit', async () => {
    const clock = fakeClock();
    const { workers, createWorker } = fakeWorkers();
    const evaluator = createWorkerEvaluator({ createWorker, timers: clock.timers, now: clock.now, timeoutMs: 1000, graceMs: 500 });
    const stuck = evaluator.evaluate(request('$sort(huge)'));
    clock.advance(1499);
    expect(workers[0]?.terminated).toBe(false);
    clock.advance(1);
    expect(workers[0]?.terminated).toBe(true);
    const answer = await stuck;
    expect(answer).toMatchObject({ state: 'error', code: 'PW-TIMEOUT', range: { start: 0, end: '$sort(huge)'.length } });
    // A late answer from the stopped worker changes nothing; the next request gets a fresh worker.
    workers[0]?.answer({ type: 'answer', id: 1, view: view('late') });
    void evaluator.evaluate(request('a'));
    expect(workers).toHaveLength(2);
  });

  it('drops an older request when a newer one is asked for before it was answered', async () => {
    const { workers, createWorker } = fakeWorkers();
    const evaluator = createWorkerEvaluator({ createWorker, timers: fakeClock().timers });
    const older = evaluator.evaluate(request('a'));
    const newer = evaluator.evaluate(request('a + 1'));
    await expect(older).rejects.toThrow(/superseded/);
    workers[0]?.answer({ type: 'answer', id: 1, view: view('old') });
    workers[0]?.answer({ type: 'answer', id: 2, view: view('new') });
    expect(await newer).toEqual(view('new'));
  });

  it('reports a worker that cannot start or crashes as unavailable, so the caller can evaluate elsewhere', async () => {
    const failing = createWorkerEvaluator({
      createWorker: () => {
        throw new Error('blocked by policy');
      },
    });
    await expect(failing.evaluate(request('a'))).rejects.toBeInstanceOf(WorkerUnavailableError);
    const { workers, createWorker } = fakeWorkers();
    const crashing = createWorkerEvaluator({ createWorker, timers: fakeClock().timers });
    const pending = crashing.evaluate(request('a'));
    workers[0]?.onerror?.({});
    await expect(pending).rejects.toBeInstanceOf(WorkerUnavailableError);
    expect(workers[0]?.terminated).toBe(true);
  });

  it('stringifies a sample object once however often it is sent', () => {
    const sample = { big: [1, 2, 3] };
    expect(sampleTextOf(sample)).toBe('{"big":[1,2,3]}');
    expect(sampleTextOf(sample)).toBe(sampleTextOf(sample));
    expect([sampleTextOf(undefined), sampleTextOf(3), sampleTextOf('x')]).toEqual([undefined, '3', '"x"']);
  });
});
