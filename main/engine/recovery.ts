// Crash recovery (DESIGN.md §4). Messages never leave the queue until the transaction that hands them
// on, so a crash loses nothing; what a dead process leaves is the run's lease. When an engine opens,
// runs whose owner process is dead (same host) or whose lease expired (no heartbeat for a lease time)
// are released at once and read as "interrupted"; `resume` takes them over.
import { isOwnerAlive } from './owner.js';
import type { EngineStore } from './store/types.js';

export async function recoverAbandonedWork(store: EngineStore, leaseMs: number): Promise<{ interrupted: number }> {
  let interrupted = 0;
  const now = Date.now();
  for (const run of await store.runs.running()) {
    // Compare-and-swap on the owner: a run another process just took over is left alone.
    if (isOwnerGone(run.owner, run.heartbeatAt, leaseMs, now) && (await store.runs.markInterrupted(run.id, run.owner))) interrupted += 1;
  }
  return { interrupted };
}

/** A run's owner is gone when its process is dead, or (other host) its heartbeat is older than a lease. */
export function isOwnerGone(owner: string | null, heartbeatAt: number | null, leaseMs: number, now = Date.now()): boolean {
  if (owner === null) return true;
  const alive = isOwnerAlive(owner);
  if (alive !== undefined) return !alive;
  return heartbeatAt === null || now - heartbeatAt > leaseMs;
}
