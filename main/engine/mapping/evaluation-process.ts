// The entry point of an evaluation process (DESIGN.md §5 "Isolation"): evaluates chunks of JSONata
// tasks sent by ./evaluation-pool.ts with the shared guarded evaluator, one task after another, and
// reports results. It is a process of its own, not a thread: a runaway built-in is stopped by killing
// it, and an allocation that exhausts V8's heap inside a built-in (JSON.stringify of a huge sequence)
// aborts the whole process, which worker threads' resourceLimits do not contain.
// Compiled expressions (shared/jsonata/compile/) that the host could not prove bounded run here too.
import { createGuardedEvaluator, JsonataFailure, memoryFailure } from '../../../shared/jsonata/guarded-evaluator.js';
import { jsonataCompilerEnabled, leastJsonLength } from './result-limit.js';
import type { ChildReport, ChildSettings, ChunkRequest, EvaluationTask, TaskOutcome } from './protocol.js';

/** A chunk that runs longer than this reports what it has, so the watchdog sees it is alive. */
const PROGRESS_EVERY_MS = 50;

const settings = JSON.parse(process.argv[2] ?? '{}') as ChildSettings;
const guarded = createGuardedEvaluator({ compile: jsonataCompilerEnabled() });

function send(report: ChildReport): void {
  process.send?.(report);
}

async function evaluateTask(task: EvaluationTask): Promise<TaskOutcome> {
  try {
    const input = task.input === undefined ? undefined : (JSON.parse(task.input) as unknown);
    const bindings = task.bindings === undefined ? undefined : (JSON.parse(task.bindings) as Record<string, unknown>);
    const limits = { ...(task.timeoutMs === undefined ? {} : { timeoutMs: task.timeoutMs }), ...(task.maxDepth === undefined ? {} : { maxDepth: task.maxDepth }) };
    let result: string | undefined;
    if (task.kind === 'template') result = await guarded.renderTemplate(task.expression, input, bindings, limits);
    else {
      const value = await guarded.evaluate(task.expression, input, bindings, limits);
      // Measured before it is stringified: JSON.stringify of a 400 MB string alone blocks for seconds.
      const least = leastJsonLength(value, settings.maxResultChars);
      if (least > settings.maxResultChars) return tooLarge(task, `its result is at least ${least.toLocaleString('en')} characters of JSON`);
      result = value === undefined || typeof value === 'function' ? undefined : JSON.stringify(value);
    }
    if (result !== undefined && result.length > settings.maxResultChars) return tooLarge(task, `its result is ${result.length.toLocaleString('en')} characters of JSON`);
    return result === undefined ? { id: task.id, ok: true } : { id: task.id, ok: true, result };
  } catch (error) {
    if (error instanceof JsonataFailure) return { id: task.id, ok: false, failure: { code: error.jsonataCode, message: error.message, range: error.range } };
    // JSON text too long for V8 ("Invalid string length") and the like: still this task's failure.
    if (error instanceof RangeError) {
      const failure = memoryFailure(task.expression, error.message);
      return { id: task.id, ok: false, failure: { code: failure.jsonataCode, message: failure.message, range: failure.range } };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { id: task.id, ok: false, failure: { code: 'PW-ERROR', message: `The expression failed: ${message}`, range: { start: 0, end: task.expression.length } } };
  }
}

function tooLarge(task: EvaluationTask, what: string): TaskOutcome {
  const failure = memoryFailure(task.expression, `${what}, over the limit of ${settings.maxResultChars.toLocaleString('en')}`);
  return { id: task.id, ok: false, failure: { code: failure.jsonataCode, message: failure.message, range: failure.range } };
}

async function runChunk({ tasks, eager }: ChunkRequest): Promise<void> {
  let results: TaskOutcome[] = [];
  let lastSent = Date.now();
  for (const task of tasks) {
    results.push(await evaluateTask(task));
    if (eager === true || Date.now() - lastSent >= PROGRESS_EVERY_MS) {
      send({ results, done: false });
      results = [];
      lastSent = Date.now();
    }
  }
  send({ results, done: true });
}

// Chunks arrive one at a time (the pool waits for `done`), so they never interleave.
process.on('message', (request: ChunkRequest) => void runChunk(request));
// The engine's process went away (even by SIGKILL): nothing is left to evaluate for.
process.on('disconnect', () => process.exit(0));
send({ ready: true });
