// The evaluation guard compiled code runs under (contract.ts EvaluationGuard, docs/jsonata-compiler.md
// "Limits"): a time limit checked every CLOCK_INTERVAL ticks and a depth limit on nested lambda calls.
// The errors are shaped like the ones jsonata's own `timeout`/`stack` options throw (its guardrails in
// jsonata.js evaluate): `{ code: 'D1012', value: timeoutMs }` and `{ code: 'D1011', value: maxDepth }`.
import type { EvaluationGuard } from './contract.js';
import { jsonataError } from './error-messages.js';

/** Ticks between two looks at the clock: cheap enough for a tick per loop iteration, fine enough for ms limits. */
const CLOCK_INTERVAL = 256;

export interface GuardLimits {
  /** Wall-clock limit of one evaluation; 0 or less means none. */
  timeoutMs: number;
  /** Most lambda calls in progress at once; 0 or less means none. */
  maxDepth: number;
}

export function createEvaluationGuard({ timeoutMs, maxDepth }: GuardLimits): EvaluationGuard {
  const started = Date.now();
  let ticks = 0;
  let depth = 0;
  return {
    tick() {
      if (++ticks % CLOCK_INTERVAL !== 0 || timeoutMs <= 0) return;
      if (Date.now() - started > timeoutMs) throw jsonataError('D1012', { value: timeoutMs });
    },
    enter() {
      if (++depth > maxDepth && maxDepth > 0) {
        depth--;
        throw jsonataError('D1011', { value: maxDepth });
      }
    },
    leave() {
      depth--;
    },
  };
}

/** A guard that never stops anything: for callers that bound evaluation some other way (benchmarks, tests). */
export const unlimitedGuard: EvaluationGuard = { tick() {}, enter() {}, leave() {} };
