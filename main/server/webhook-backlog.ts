// Back pressure at a webhook (DESIGN.md §4 "Back pressure"): a trigger takes a request only while
// fewer messages wait than its queue bound (the node's `queueLimit`, default the engine's 10,000);
// past it the route answers 503 with Retry-After and queues nothing, so a spike leaves its backlog
// bounded on disk and nothing piles up in memory.
//
// The depth comes from the host (LiveTriggerContext.backlog: a query), read at most every
// BACKLOG_TTL_MS and never on the request path once known. The estimate is the last reading plus the
// requests in flight plus those queued since the reading started, so it errs high, never low: a burst
// of concurrent requests cannot all slip past the bound while their group commit is being written.
/** How often the backlog is read while requests arrive. */
export const BACKLOG_TTL_MS = 100;

export class BacklogGauge {
  private known: number | undefined;
  private readAt = Number.NEGATIVE_INFINITY;
  /** Admitted, not yet settled. */
  private inFlight = 0;
  /** Settled with a queued message since the last reading started. */
  private queuedSince = 0;
  private reading: Promise<void> | undefined;

  constructor(private readonly read: () => Promise<number | undefined>, readonly limit: number) {}

  /**
   * Admits one request when the backlog is below the bound (the caller then calls `settled`); false
   * when it is full. Waits for a reading only before the first one.
   */
  async admit(): Promise<boolean> {
    if (Date.now() - this.readAt >= BACKLOG_TTL_MS) {
      const reading = this.refresh();
      if (this.known === undefined) await reading;
    }
    // Unknown (no live run yet, or the store could not be asked): the emit itself will tell.
    if (this.known !== undefined && this.known + this.inFlight + this.queuedSince >= this.limit) return false;
    this.inFlight++;
    return true;
  }

  /** An admitted request is answered: `queued` when it added a message (not a duplicate, no failure). */
  settled(queued: boolean): void {
    this.inFlight--;
    if (queued) this.queuedSince++;
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
