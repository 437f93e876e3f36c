// How long the oldest message has waited at each node, without asking the store for it: the store keeps
// no enqueue time (see the report on issue 13: a QueueStore method reading the oldest queued row's
// time would make this exact). Every message queued or taken off a queue passes through the observed
// store (./observed-store.ts), and a node's queue is claimed oldest first, so per node a FIFO of
// (time slot, count) says when the oldest message still queued arrived. Memory is one slot per
// SLOT_MS of backlog per node, however many messages.
//
// The store's depth stays the truth: on each scrape `reconcile` trims the FIFO to it (retries, delayed
// messages and timers can make the FIFO drift), and messages queued before this process started, which
// the FIFO never saw, count as queued when tracking began — a lower bound on their age.

const SLOT_MS = 1_000;
/** (run, node) pairs tracked at most; the least recently queued-to one is forgotten first. */
const MAX_TRACKED = 2_000;

interface Fifo {
  /** [slot start (epoch ms), messages] oldest first; `head` is the first live slot. */
  slots: Array<[number, number]>;
  head: number;
  total: number;
}

export class QueueAges {
  private readonly fifos = new Map<string, Fifo>();
  private readonly since: number;

  constructor(private readonly now: () => number = Date.now) {
    this.since = now();
  }

  queued(runId: string, nodeId: string, count: number): void {
    if (count <= 0) return;
    const key = keyOf(runId, nodeId);
    let fifo = this.fifos.get(key);
    if (fifo) this.fifos.delete(key); // Re-inserted below: the map's order is least recently queued-to first.
    else fifo = { slots: [], head: 0, total: 0 };
    this.fifos.set(key, fifo);
    const slot = Math.floor(this.now() / SLOT_MS) * SLOT_MS;
    const last = fifo.slots[fifo.slots.length - 1];
    if (last && fifo.slots.length > fifo.head && last[0] === slot) last[1] += count;
    else fifo.slots.push([slot, count]);
    fifo.total += count;
    if (this.fifos.size > MAX_TRACKED) this.fifos.delete(this.fifos.keys().next().value as string);
  }

  removed(runId: string, nodeId: string, count: number): void {
    const fifo = this.fifos.get(keyOf(runId, nodeId));
    if (fifo) take(fifo, count);
  }

  /**
   * Seconds the oldest of `depth` queued messages has waited (0 for an empty queue), trimming the FIFO
   * to the store's depth first.
   */
  oldestAgeSeconds(runId: string, nodeId: string, depth: number): number {
    const key = keyOf(runId, nodeId);
    const fifo = this.fifos.get(key);
    if (depth <= 0) {
      this.fifos.delete(key);
      return 0;
    }
    if (fifo && fifo.total > depth) take(fifo, fifo.total - depth);
    const untracked = !fifo || fifo.total < depth;
    const oldest = untracked ? this.since : (fifo.slots[fifo.head] as [number, number])[0];
    return Math.max(0, (this.now() - oldest) / 1000);
  }

  /** Forgets every node of runs that are no longer live. */
  keepOnly(runIds: ReadonlySet<string>): void {
    for (const key of this.fifos.keys()) if (!runIds.has(key.slice(0, key.indexOf('\u0000')))) this.fifos.delete(key);
  }
}

function keyOf(runId: string, nodeId: string): string {
  return `${runId}\u0000${nodeId}`;
}

function take(fifo: Fifo, count: number): void {
  let left = count;
  while (left > 0 && fifo.head < fifo.slots.length) {
    const slot = fifo.slots[fifo.head] as [number, number];
    const taken = Math.min(left, slot[1]);
    slot[1] -= taken;
    fifo.total -= taken;
    left -= taken;
    if (slot[1] === 0) fifo.head += 1;
  }
  // Compact now and then, so a long-lived queue does not keep every slot it ever had.
  if (fifo.head > 64 && fifo.head * 2 > fifo.slots.length) {
    fifo.slots = fifo.slots.slice(fifo.head);
    fifo.head = 0;
  }
}
