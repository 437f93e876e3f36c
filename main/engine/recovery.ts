// Crash recovery (DESIGN.md §4). Messages never leave the queue until the transaction that hands them
// on, so a crash loses nothing; what a dead process leaves is the run's lease. When an engine opens,
// runs whose owner process is dead (same host) or whose lease expired (no heartbeat for a lease time)
// are released at once and read as "interrupted"; `resume` takes them over.
import { isOwnerAlive, isOwnTokenLive } from './owner.js';
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

/**
 * A run's owner is gone when its process is certainly dead (./owner.ts), or when its heartbeat is older
 * than a lease — whatever `kill(pid, 0)` says: a live owner renews its heartbeat every third of a lease,
 * so a stale one is a zombie, a hung process or a pid that now belongs to someone else. Only an engine
 * of this very process is trusted without a heartbeat.
 */
export function isOwnerGone(owner: string | null, heartbeatAt: number | null, leaseMs: number, now = Date.now()): boolean {
  if (owner === null) return true;
  if (isOwnTokenLive(owner)) return false;
  if (isOwnerAlive(owner) === false) return true;
  return heartbeatAt === null || now - heartbeatAt > leaseMs;
}
