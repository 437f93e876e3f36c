// Crash recovery (DESIGN.md §4). Messages never leave the queue until the transaction that hands them
// on, so a crash loses nothing; what a dead process leaves is the run's lease. When an engine opens,
// runs whose owner process is dead (same host) or whose lease expired (no heartbeat for a lease time)
// are released at once and read as "interrupted"; `resume` takes them over.
import { isOwnerAlive } from './owner.js';
import type { StateDatabase } from './store/database.js';

export function recoverAbandonedWork(db: StateDatabase, leaseMs: number): { interrupted: number } {
  let interrupted = 0;
  const now = Date.now();
  db.transaction(() => {
    const running = db.prepare<[], { id: string; owner: string | null; heartbeat_at: number | null }>(`SELECT id, owner, heartbeat_at FROM runs WHERE status = 'running'`).all();
    const markInterrupted = db.prepare<[string, string | null]>(`UPDATE runs SET status = 'interrupted', owner = NULL WHERE id = ? AND owner IS ?`);
    for (const run of running) {
      if (isOwnerGone(run.owner, run.heartbeat_at, leaseMs, now)) interrupted += markInterrupted.run(run.id, run.owner).changes;
    }
  }).immediate();
  return { interrupted };
}

/** A run's owner is gone when its process is dead, or (other host) its heartbeat is older than a lease. */
export function isOwnerGone(owner: string | null, heartbeatAt: number | null, leaseMs: number, now = Date.now()): boolean {
  if (owner === null) return true;
  const alive = isOwnerAlive(owner);
  if (alive !== undefined) return !alive;
  return heartbeatAt === null || now - heartbeatAt > leaseMs;
}
