// The message queue's statements, prepared once: read a batch, finish, retry later, insert. Writes run
// inside the caller's transaction (./commit.ts, ./ingest.ts). Leases are held per run, by the run's
// owner (see ./run-records.ts): a batch is claimed by reading it, and the commit checks ownership, so
// moving a message costs one delete and one insert per hop and no lease write per message.
import { NO_REDACTION, type Redaction } from './redaction.js';
import type { StateDatabase } from './store/database.js';

export interface ClaimedMessage {
  /** Row in the queue; absent for a message read straight from an input file. */
  seq?: number;
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
  private readonly countRun;
  private readonly insertRetryStatement;

  /** Payloads are stored without secrets (./redaction.ts). */
  constructor(db: StateDatabase, private readonly redaction: Redaction = NO_REDACTION) {
    this.claimStatement = db.prepare<[string, string, number, number], ClaimedRow>(`
      SELECT seq, id, payload, attempt, idempotency_key, attempts_json FROM messages
      WHERE run_id = ? AND node_id = ? AND available_at <= ?
      ORDER BY seq LIMIT ?`);
    this.insertStatement = db.prepare<[string, string, string, string, string | null]>(
      'INSERT OR IGNORE INTO messages (id, run_id, node_id, payload, idempotency_key) VALUES (?, ?, ?, ?, ?)',
    );
    this.finishStatement = db.prepare<[number]>('DELETE FROM messages WHERE seq = ?');
    this.retryStatement = db.prepare<[number, number, string, number]>('UPDATE messages SET attempt = ?, available_at = ?, attempts_json = ? WHERE seq = ?');
    this.nextAvailable = db.prepare<[string, string], { at: number | null }>('SELECT min(available_at) AS at FROM messages WHERE run_id = ? AND node_id = ?');
    this.countsByNode = db.prepare<[string], { node_id: string; n: number }>('SELECT node_id, count(*) AS n FROM messages WHERE run_id = ? GROUP BY node_id');
    this.insertRetryStatement = db.prepare<[string, string, string, string, string | null, number, number, string]>(
      'INSERT OR IGNORE INTO messages (id, run_id, node_id, payload, idempotency_key, attempt, available_at, attempts_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.countRun = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM messages WHERE run_id = ?');
  }

  /** Up to `limit` ready messages of one node, oldest first. The caller must own the run. */
  claim(runId: string, nodeId: string, limit: number): ClaimedMessage[] {
    return this.claimStatement.all(runId, nodeId, Date.now(), limit).map((row) => ({
      seq: row.seq, id: row.id, payload: row.payload, attempt: row.attempt,
      idempotencyKey: row.idempotency_key ?? row.id, attemptsJson: row.attempts_json,
    }));
  }

  /** Queues a message; the key is stored only when it differs from the id. Returns false for a duplicate id. */
  insert(id: string, runId: string, nodeId: string, payload: string, idempotencyKey: string): boolean {
    return this.insertStatement.run(id, runId, nodeId, this.redaction.json(payload), idempotencyKey === id ? null : idempotencyKey).changes > 0;
  }

  /** Queues a message that already failed once in memory, to be tried again at `availableAt`. */
  insertForRetry(id: string, runId: string, nodeId: string, payload: string, idempotencyKey: string, attempt: number, availableAt: number, attemptsJson: string): void {
    this.insertRetryStatement.run(id, runId, nodeId, this.redaction.json(payload), idempotencyKey === id ? null : idempotencyKey, attempt, availableAt, this.redaction.json(attemptsJson));
  }

  /** Removes a handled message; false if it was already gone. */
  finish(seq: number): boolean {
    return this.finishStatement.run(seq).changes > 0;
  }

  retryLater(seq: number, attempt: number, availableAt: number, attemptsJson: string): boolean {
    return this.retryStatement.run(attempt, availableAt, this.redaction.json(attemptsJson), seq).changes > 0;
  }

  /** When the earliest queued message of a node becomes ready (all of them may be backing off). */
  nextAvailableAt(runId: string, nodeId: string): number | undefined {
    return this.nextAvailable.get(runId, nodeId)?.at ?? undefined;
  }

  /** Queued messages per node of a run: one index scan, done when a drive starts. */
  countByNode(runId: string): Map<string, number> {
    return new Map(this.countsByNode.all(runId).map((row) => [row.node_id, row.n]));
  }

  countInRun(runId: string): number {
    return this.countRun.get(runId)?.n ?? 0;
  }
}
