// Crash recovery (DESIGN.md §4): when an engine opens, leases whose owner process is dead go back to the
// queue at once and expired leases always; runs left "running" by a dead process become "interrupted".
import { isOwnerAlive } from './owner.js';
import { LEASED, type MessageQueue } from './queue.js';
import type { StateDatabase } from './store/database.js';

export function recoverAbandonedWork(db: StateDatabase, queue: MessageQueue, leaseMs: number): { released: number; interrupted: number } {
  let released = 0;
  let interrupted = 0;
  const now = Date.now();
  db.transaction(() => {
    const owners = db.prepare<[], { owner: string }>(`SELECT DISTINCT lease_owner AS owner FROM messages WHERE state = ${LEASED}`).all();
    for (const { owner } of owners) {
      if (isOwnerAlive(owner) === false) released += queue.releaseLeasesOf(owner);
    }
    released += db.prepare(`UPDATE messages SET state = 0, lease_owner = NULL, lease_until = NULL WHERE state = ${LEASED} AND lease_until < ?`).run(now).changes;

    const running = db.prepare<[], { id: string; owner: string | null; heartbeat_at: number | null }>(`SELECT id, owner, heartbeat_at FROM runs WHERE status = 'running'`).all();
    const markInterrupted = db.prepare(`UPDATE runs SET status = 'interrupted', owner = NULL WHERE id = ?`);
    for (const run of running) {
      if (isOwnerGone(run.owner, run.heartbeat_at, leaseMs, now)) {
        markInterrupted.run(run.id);
        interrupted += 1;
      }
    }
  }).immediate();
  return { released, interrupted };
}

/** A run's owner is gone when its process is dead, or (other host) its heartbeat is older than a lease. */
export function isOwnerGone(owner: string | null, heartbeatAt: number | null, leaseMs: number, now = Date.now()): boolean {
  if (owner === null) return true;
  const alive = isOwnerAlive(owner);
  if (alive !== undefined) return !alive;
  return heartbeatAt === null || now - heartbeatAt > leaseMs;
}
