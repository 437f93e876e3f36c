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

export function createEvaluationGuard(limits: GuardLimits): EvaluationGuard {
  return new LimitedGuard(limits.timeoutMs, limits.maxDepth);
}

/** One per evaluation, so its methods live on the prototype: no closures made per evaluation. */
class LimitedGuard implements EvaluationGuard {
  private readonly started = Date.now();
  private ticks = 0;
  private depth = 0;

  constructor(
    private readonly timeoutMs: number,
    private readonly maxDepth: number,
  ) {}

  tick(): void {
    if (++this.ticks % CLOCK_INTERVAL !== 0 || this.timeoutMs <= 0) return;
    if (Date.now() - this.started > this.timeoutMs) throw jsonataError('D1012', { value: this.timeoutMs });
  }

  enter(): void {
    if (++this.depth > this.maxDepth && this.maxDepth > 0) {
      this.depth--;
      throw jsonataError('D1011', { value: this.maxDepth });
    }
  }

  leave(): void {
    this.depth--;
  }
}

/** A guard that never stops anything: for callers that bound evaluation some other way (benchmarks, tests). */
export const unlimitedGuard: EvaluationGuard = { tick() {}, enter() {}, leave() {} };
