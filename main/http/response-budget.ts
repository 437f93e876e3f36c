// The budget of response bytes in flight (DESIGN.md §4 "Back pressure", §11): every body the client
// reads first reserves its size here — the Content-Length when the server sent one, else the most the
// caller accepts — and gives it back once read. When the budget is spent, readers wait in line (first
// come, first served) before they read, and the server's bytes wait in the socket (TCP back pressure).
// So the bodies held by all http.request calls together stay within the budget whatever a node's
// concurrency × response size (the schema allows 256 × 16 MiB); without it 128 × 15 MB answers ran the
// engine out of heap. A single reservation larger than the whole budget is cut to the budget: it then
// waits until it is alone, and the bound still holds.

import { HttpFailure } from './failure.js';

/** 256 MiB: 16 bodies at the default 16 MiB cap read at once, any number of small ones. */
export const DEFAULT_RESPONSE_BUDGET_BYTES = 256 * 1024 * 1024;
/** Sets the budget in MiB for every process (`pipewright run`, `serve`, `worker`, the desktop engine). */
export const BUDGET_VARIABLE = 'PIPEWRIGHT_RESPONSE_BUDGET_MB';
const MiB = 1024 * 1024;

export interface BudgetStats {
  limitBytes: number;
  /** Reserved right now. */
  inUseBytes: number;
  /** The most ever reserved at once since the budget was created. */
  peakBytes: number;
  /** How many reservations had to wait for others to finish. */
  waited: number;
  /** Reservations waiting now. */
  waiting: number;
}

interface Waiter {
  bytes: number;
  grant: () => void;
}

export class ResponseBudget {
  private inUse = 0;
  private peak = 0;
  private waitedCount = 0;
  private readonly queue: Waiter[] = [];

  constructor(readonly limitBytes: number) {
    if (!Number.isSafeInteger(limitBytes) || limitBytes < 1) throw new RangeError(`a response budget is a positive number of bytes, not ${limitBytes}`);
  }

  /**
   * Resolves with a release function once `bytes` (cut to the limit) are reserved. Rejects with the
   * signal's reason, reserving nothing, if the signal aborts while waiting.
   */
  reserve(bytes: number, signal?: AbortSignal): Promise<() => void> {
    const amount = Math.min(Math.max(0, Math.ceil(bytes)), this.limitBytes);
    signal?.throwIfAborted();
    if (this.queue.length === 0 && this.fits(amount)) return Promise.resolve(this.take(amount));
    this.waitedCount += 1;
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        bytes: amount,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.take(amount));
        },
      };
      const onAbort = (): void => {
        const at = this.queue.indexOf(waiter);
        if (at >= 0) this.queue.splice(at, 1);
        // The one ahead leaving may let the next ones in.
        this.grantWaiting();
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  stats(): BudgetStats {
    return { limitBytes: this.limitBytes, inUseBytes: this.inUse, peakBytes: this.peak, waited: this.waitedCount, waiting: this.queue.length };
  }

  private fits(amount: number): boolean {
    return this.inUse + amount <= this.limitBytes;
  }

  private take(amount: number): () => void {
    this.inUse += amount;
    this.peak = Math.max(this.peak, this.inUse);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inUse -= amount;
      this.grantWaiting();
    };
  }

  private grantWaiting(): void {
    // Strictly in order: a big reservation at the head is not overtaken for ever by small ones.
    while (this.queue.length > 0 && this.fits(this.queue[0]!.bytes)) this.queue.shift()!.grant();
  }
}

let shared: ResponseBudget | undefined;

/**
 * The budget from the environment: PIPEWRIGHT_RESPONSE_BUDGET_MB, a whole number of MiB from 1 up, or
 * the default. A wrong value fails every request with the variable's name rather than being ignored.
 */
export function budgetFromEnvironment(env: NodeJS.ProcessEnv = process.env): number {
  const text = env[BUDGET_VARIABLE]?.trim();
  if (text === undefined || text === '') return DEFAULT_RESPONSE_BUDGET_BYTES;
  const mib = Number(text);
  if (!/^\d+$/.test(text) || mib < 1 || !Number.isSafeInteger(mib * MiB)) {
    throw new HttpFailure('SETTINGS_INVALID', `${BUDGET_VARIABLE}="${text}" is not a number of MiB: give a whole number from 1 up (default ${DEFAULT_RESPONSE_BUDGET_BYTES / MiB}), or unset it`, { transient: false });
  }
  return mib * MiB;
}

/** The budget every request of this process reads within. */
export function responseBudget(): ResponseBudget {
  shared ??= new ResponseBudget(budgetFromEnvironment());
  return shared;
}

/**
 * Replaces the process's budget (a host's setting, a test). Reservations of the old one are given back
 * to it as they finish; new ones count against the new one.
 */
export function configureResponseBudget(limitBytes: number): ResponseBudget {
  shared = new ResponseBudget(limitBytes);
  return shared;
}
