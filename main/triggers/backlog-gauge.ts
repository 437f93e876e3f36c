// Back pressure at a live trigger (DESIGN.md §4 "Back pressure"): a trigger takes new messages only
// while fewer wait in its flow's live run than its queue bound (the node's `queueLimit`, default the
// engine's 10,000). Past it a webhook answers 503 with Retry-After, a folder leaves its files where they
// are and a schedule holds its due instant, so a spike leaves its backlog bounded on disk and nothing
// piles up in memory.
//
// The depth comes from the host (LiveTriggerContext.backlog: a query), read at most every
// BACKLOG_TTL_MS and never on the request path once known. The estimate is the last reading plus the
// admissions in flight plus the messages queued since the reading started, so it errs high, never low:
// a burst of concurrent requests cannot all slip past the bound while their group commit is written.
import type { FlowNode } from '../../shared/flow/schema.js';
import { ENGINE_DEFAULTS } from '../engine/engine.js';

/** What a live source may ask its host about its flow's live run (main/api/live-flows.ts LiveTriggerContext). */
export interface BacklogReader {
  /** Messages waiting in the live run, or undefined before it is live. */
  backlog(): Promise<number | undefined>;
}

/** How often the backlog is read while requests arrive. */
export const BACKLOG_TTL_MS = 100;

export class BacklogGauge {
  private known: number | undefined;
  private readAt = Number.NEGATIVE_INFINITY;
  /** Admissions not yet settled. */
  private inFlight = 0;
  /** Messages queued by settled emits since the last reading started. */
  private queuedSince = 0;
  private reading: Promise<void> | undefined;

  constructor(private readonly read: () => Promise<number | undefined>, readonly limit: number) {}

  /** The gauge of a trigger node: its queue bound, read through the host's reader (none: never full). */
  static of(node: FlowNode, live: BacklogReader | undefined): BacklogGauge {
    return new BacklogGauge(live ? () => live.backlog() : () => Promise.resolve(undefined), node.queueLimit ?? ENGINE_DEFAULTS.queueLimit);
  }

  /**
   * Admits one emit (a request, a file, a firing) when the backlog is below the bound (the caller then
   * calls `settled`); false when it is full. A webhook, whose requests keep the reading fresh, waits
   * for one only before the first; `fresh` waits whenever the last is older than BACKLOG_TTL_MS (a
   * schedule or a folder, which ask seldom: their last reading may be minutes old).
   */
  async admit(options: { fresh?: boolean } = {}): Promise<boolean> {
    if (Date.now() - this.readAt >= BACKLOG_TTL_MS) {
      const reading = this.refresh();
      if (this.known === undefined || options.fresh === true) await reading;
    }
    // Unknown (no live run yet, or the store could not be asked): the emit itself will tell.
    if (this.known !== undefined && this.known + this.inFlight + this.queuedSince >= this.limit) return false;
    this.inFlight++;
    return true;
  }

  /** An admitted emit is done: `queued` messages were added (0 for a duplicate or a failure). */
  settled(queued: number): void {
    this.inFlight--;
    this.queuedSince += queued;
  }

  private refresh(): Promise<void> {
    this.reading ??= (async () => {
      // Queued before the query started: in the reading. In flight meanwhile: maybe in it, and still
      // counted here (an over-estimate at worst).
      const before = this.queuedSince;
      try {
        const depth = await this.read();
        this.known = depth;
        this.queuedSince -= before;
      } catch {
        // Keep the last reading; the next request asks again after the interval.
      } finally {
        this.readAt = Date.now();
        this.reading = undefined;
      }
    })();
    return this.reading;
  }
}
