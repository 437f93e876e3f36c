import { describe, expect, it } from 'vitest';
import { createEvaluationScheduler, type Timers } from '../../../renderer/src/mapping/evaluation-scheduler.js';
import { outputProblem, outputView } from '../../../renderer/src/mapping/mapping-output-text.js';

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
  return { timers, advance };
}

/** An evaluator whose answers are released by hand, in any order. */
function manualEvaluator() {
  const calls: Array<{ request: string; signal: AbortSignal; resolve: (answer: string) => void; reject: (error: unknown) => void }> = [];
  const evaluate = (request: string, signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => calls.push({ request, signal, resolve, reject }));
  return { calls, evaluate };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(delayMs = 20) {
  const clock = fakeClock();
  const evaluator = manualEvaluator();
  const answers: string[] = [];
  const failures: unknown[] = [];
  const scheduler = createEvaluationScheduler<string, string>({
    evaluate: evaluator.evaluate,
    onAnswer: (answer) => answers.push(answer),
    onFailure: (error) => failures.push(error),
    delayMs,
    timers: clock.timers,
  });
  return { clock, evaluator, answers, failures, scheduler };
}

describe('live evaluation scheduler', () => {
  it('waits for typing to pause and evaluates only the last expression', async () => {
    const { clock, evaluator, answers, scheduler } = setup();
    scheduler.schedule('a');
    clock.advance(10);
    scheduler.schedule('ab');
    clock.advance(10);
    scheduler.schedule('abc');
    expect(evaluator.calls).toHaveLength(0);
    clock.advance(20);
    expect(evaluator.calls.map((call) => call.request)).toEqual(['abc']);
    evaluator.calls[0]?.resolve('result of abc');
    await flush();
    expect(answers).toEqual(['result of abc']);
  });

  it('keeps one request in flight, aborts it when superseded and drops its late answer', async () => {
    const { clock, evaluator, answers, scheduler } = setup(0);
    scheduler.schedule('a');
    clock.advance(0);
    scheduler.schedule('ab');
    clock.advance(0);
    scheduler.schedule('abc');
    clock.advance(0);
    expect(evaluator.calls.map((call) => call.request)).toEqual(['a']);
    expect(evaluator.calls[0]?.signal.aborted).toBe(true);
    evaluator.calls[0]?.resolve('stale a');
    await flush();
    expect(answers).toEqual([]);
    // Only the newest waiting request follows; 'ab' was never sent.
    expect(evaluator.calls.map((call) => call.request)).toEqual(['a', 'abc']);
    evaluator.calls[1]?.resolve('fresh abc');
    await flush();
    expect(answers).toEqual(['fresh abc']);
  });

  it('drops an answer that arrives after a newer one was asked for, even out of order', async () => {
    const { clock, evaluator, answers, failures, scheduler } = setup(0);
    scheduler.schedule('old');
    clock.advance(0);
    scheduler.schedule('new');
    clock.advance(0);
    evaluator.calls[0]?.reject(new Error('aborted'));
    await flush();
    evaluator.calls[1]?.resolve('new answer');
    await flush();
    expect(failures).toEqual([]);
    expect(answers).toEqual(['new answer']);
  });

  it('delivers nothing asked before cancel (another node was selected)', async () => {
    const { clock, evaluator, answers, scheduler } = setup(0);
    scheduler.schedule('x');
    clock.advance(0);
    scheduler.schedule('y');
    scheduler.cancel();
    clock.advance(50);
    evaluator.calls[0]?.resolve('x answer');
    await flush();
    expect(answers).toEqual([]);
    expect(evaluator.calls).toHaveLength(1);
  });

  it('reports a failure of the newest request', async () => {
    const { clock, evaluator, failures, scheduler } = setup(0);
    scheduler.schedule('x');
    clock.advance(0);
    evaluator.calls[0]?.reject(new Error('server down'));
    await flush();
    expect(failures).toHaveLength(1);
  });
});

describe('live evaluation scheduler without a delay', () => {
  it('starts at once, keeps one in flight and runs only the newest waiting request after it', async () => {
    const { evaluator, answers, scheduler } = setup(0);
    scheduler.schedule('a');
    expect(evaluator.calls.map((call) => call.request)).toEqual(['a']);
    scheduler.schedule('ab');
    scheduler.schedule('abc');
    expect(evaluator.calls).toHaveLength(1);
    expect(evaluator.calls[0]?.signal.aborted).toBe(true);
    evaluator.calls[0]?.resolve('A');
    await flush();
    expect(evaluator.calls.map((call) => call.request)).toEqual(['a', 'abc']);
    evaluator.calls[1]?.resolve('ABC');
    await flush();
    expect(answers).toEqual(['ABC']);
  });
});

describe('mapping output pane text', () => {
  it('pretty-prints a result', () => {
    expect(outputView({ ok: true, hasResult: true, result: { a: [1] }, durationMs: 1 })).toMatchObject({ state: 'result', text: '{\n  "a": [\n    1\n  ]\n}' });
  });

  it('shows an error with its JSONata code and squiggles its range', () => {
    const view = outputView({ ok: false, error: { code: 'MAPPING_ERROR', message: 'Expected ")"', jsonataCode: 'S0202', location: { range: { start: 4, end: 5 } } }, durationMs: 1 });
    expect(view.text).toBe('S0202: Expected ")"');
    expect(outputProblem(view)).toEqual({ code: 'S0202', message: 'S0202: Expected ")"', range: { start: 4, end: 5 } });
  });

  it('says when the expression matched nothing', () => {
    expect(outputView({ ok: true, hasResult: false, durationMs: 1 }).state).toBe('empty');
  });
});
