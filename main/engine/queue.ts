// The message queue's statements, prepared once: claim a batch under a lease, finish, retry, insert,
// release. Every write here runs inside the caller's transaction (see ./commit.ts and ./ingest.ts).
import type { StateDatabase } from './store/database.js';

export const QUEUED = 0;
export const LEASED = 1;

export interface ClaimedMessage {
  seq: number;
  id: string;
  payload: string;
  attempt: number;
  idempotencyKey: string;
  /** Earlier attempts' records, JSON text, or null on a first attempt. */
  attemptsJson: string | null;
}

interface ClaimedRow {
  seq: number;
  id: string;
  payload: string;
  attempt: number;
  idempotency_key: string | null;
  attempts_json: string | null;
}

export class MessageQueue {
  private readonly claimStatement;
  private readonly insertStatement;
  private readonly finishStatement;
  private readonly retryStatement;
  private readonly nextAvailable;
  private readonly countsByNode;
  private readonly releaseOwner;
  private readonly renewOwner;
  private readonly releaseRun;
  private readonly countRun;

  constructor(private readonly db: StateDatabase) {
    this.claimStatement = db.prepare<[string, number, string, string, number, number], ClaimedRow>(`
      UPDATE messages SET state = ${LEASED}, lease_owner = ?, lease_until = ?
      WHERE seq IN (
        SELECT seq FROM messages
        WHERE run_id = ? AND node_id = ? AND state = ${QUEUED} AND available_at <= ?
        ORDER BY seq LIMIT ?
      )
      RETURNING seq, id, payload, attempt, idempotency_key, attempts_json`);
    this.insertStatement = db.prepare<[string, string, string, string, string | null]>(
      `INSERT OR IGNORE INTO messages (id, run_id, node_id, payload, idempotency_key) VALUES (?, ?, ?, ?, ?)`,
    );
    this.finishStatement = db.prepare<[number, string]>('DELETE FROM messages WHERE seq = ? AND lease_owner = ?');
    this.retryStatement = db.prepare<[number, number, string, number, string]>(
      `UPDATE messages SET state = ${QUEUED}, attempt = ?, available_at = ?, attempts_json = ?, lease_owner = NULL, lease_until = NULL
       WHERE seq = ? AND lease_owner = ?`,
    );
    this.nextAvailable = db.prepare<[string, string], { at: number | null }>(
      `SELECT min(available_at) AS at FROM messages WHERE run_id = ? AND node_id = ? AND state = ${QUEUED}`,
    );
    this.countsByNode = db.prepare<[string], { node_id: string; n: number }>('SELECT node_id, count(*) AS n FROM messages WHERE run_id = ? GROUP BY node_id');
    this.releaseOwner = db.prepare<[string]>(`UPDATE messages SET state = ${QUEUED}, lease_owner = NULL, lease_until = NULL WHERE state = ${LEASED} AND lease_owner = ?`);
    this.renewOwner = db.prepare<[number, string]>(`UPDATE messages SET lease_until = ? WHERE state = ${LEASED} AND lease_owner = ?`);
    this.releaseRun = db.prepare<[string, string]>(
      `UPDATE messages SET state = ${QUEUED}, lease_owner = NULL, lease_until = NULL WHERE run_id = ? AND node_id = ? AND state = ${LEASED}`,
    );
    this.countRun = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM messages WHERE run_id = ?');
  }

  /** Leases up to `limit` ready messages of one node, oldest first. */
  claim(runId: string, nodeId: string, owner: string, leaseMs: number, limit: number): ClaimedMessage[] {
    const now = Date.now();
    const rows = this.claimStatement.all(owner, now + leaseMs, runId, nodeId, now, limit);
    rows.sort((a, b) => a.seq - b.seq);
    return rows.map((row) => ({
      seq: row.seq, id: row.id, payload: row.payload, attempt: row.attempt,
      idempotencyKey: row.idempotency_key ?? row.id, attemptsJson: row.attempts_json,
    }));
  }

  /** Queues a message; the key is stored only when it differs from the id. Returns false for a duplicate id. */
  insert(id: string, runId: string, nodeId: string, payload: string, idempotencyKey: string): boolean {
    return this.insertStatement.run(id, runId, nodeId, payload, idempotencyKey === id ? null : idempotencyKey).changes > 0;
  }

  /** Removes a handled message; false when this owner no longer holds its lease. */
  finish(seq: number, owner: string): boolean {
    return this.finishStatement.run(seq, owner).changes > 0;
  }

  retryLater(seq: number, owner: string, attempt: number, availableAt: number, attemptsJson: string): boolean {
    return this.retryStatement.run(attempt, availableAt, attemptsJson, seq, owner).changes > 0;
  }

  /** When the earliest queued message of a node becomes ready (all of them may be backing off). */
  nextAvailableAt(runId: string, nodeId: string): number | undefined {
    return this.nextAvailable.get(runId, nodeId)?.at ?? undefined;
  }

  /** Queued + leased messages per node of a run: one index scan, done when a drive starts. */
  countByNode(runId: string): Map<string, number> {
    return new Map(this.countsByNode.all(runId).map((row) => [row.node_id, row.n]));
  }

  countInRun(runId: string): number {
    return this.countRun.get(runId)?.n ?? 0;
  }

  releaseLeasesOf(owner: string): number {
    return this.releaseOwner.run(owner).changes;
  }

  renewLeasesOf(owner: string, until: number): void {
    this.renewOwner.run(until, owner);
  }

  /** Releases every lease in a run (its previous owner is gone). */
  releaseLeasesInRun(runId: string, nodeIds: Iterable<string>): number {
    let released = 0;
    this.db.transaction(() => {
      for (const nodeId of nodeIds) released += this.releaseRun.run(runId, nodeId).changes;
    })();
    return released;
  }
}
