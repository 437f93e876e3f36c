// The message queue in SQLite. Leases are held per run by the run's owner (runs.owner, kept alive by
// runs.heartbeat_at): claiming a batch is a read, and the commit checks ownership before it moves
// anything, so a hop costs one delete and one insert per message and no lease write per message.
// A commit (types.ts StepBatch) is applied in one transaction.
import { PipewrightError } from '../../../../shared/errors.js';
import type { ClaimedMessage, ClaimRequest, CommitUnit, NewMessage, QueueStore, StateWrite, StepBatch, StepBatchResult } from '../types.js';
import { toClaimed, type ClaimedRow } from '../records.js';
import type { SqliteConnection } from './connection.js';
import { StepRowWriter } from './step-rows.js';

/** Terminal outputs per multi-row INSERT: one statement call instead of one per output. */
const OUTPUTS_PER_INSERT = 64;

export class SqliteQueueStore implements QueueStore {
  private readonly claimStatement;
  private readonly insertStatement;
  private readonly finishStatement;
  private readonly retryStatement;
  private readonly nextAvailable;
  private readonly countsByNode;
  private readonly countRun;
  private readonly oldestByNode;
  private readonly ownerStatement;
  private readonly insertOutput;
  private readonly insertOutputs;
  /** run_id, node_id, payload of outputs applied but not yet inserted (one multi-row INSERT per OUTPUTS_PER_INSERT). */
  private readonly pendingOutputs: string[] = [];
  private readonly insertEmission;
  private readonly insertLog;
  private readonly insertDeadLetter;
  private readonly putValue;
  private readonly deleteValue;
  private readonly advanceInput;
  private readonly addCounts;
  private readonly steps;
  private readonly releaseTimersStatement;

  constructor(private readonly conn: SqliteConnection) {
    const { db } = conn;
    this.claimStatement = db.prepare<[string, string, number, number], ClaimedRow>(`
      SELECT seq, id, payload, attempt, idempotency_key, attempts_json, timer FROM messages
      WHERE run_id = ? AND node_id = ? AND available_at <= ?
      ORDER BY seq LIMIT ?`);
    this.insertStatement = db.prepare<[string, string, string, string, string | null, number, number, string | null, number, number]>(
      'INSERT OR IGNORE INTO messages (id, run_id, node_id, payload, idempotency_key, attempt, available_at, attempts_json, timer, enqueued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.finishStatement = db.prepare<[number]>('DELETE FROM messages WHERE seq = ?');
    this.retryStatement = db.prepare<[number, number, string, number]>('UPDATE messages SET attempt = ?, available_at = ?, attempts_json = ? WHERE seq = ?');
    this.nextAvailable = db.prepare<[string, string], { at: number | null }>('SELECT min(available_at) AS at FROM messages WHERE run_id = ? AND node_id = ?');
    this.countsByNode = db.prepare<[string], { node_id: string; n: number }>('SELECT node_id, count(*) AS n FROM messages WHERE run_id = ? GROUP BY node_id');
    this.oldestByNode = db.prepare<[string], { node_id: string; at: number }>('SELECT node_id, min(enqueued_at) AS at FROM messages WHERE run_id = ? GROUP BY node_id');
    this.countRun = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM messages WHERE run_id = ?');
    this.ownerStatement = db.prepare<[string], { owner: string | null }>('SELECT owner FROM runs WHERE id = ?');
    this.insertOutput = db.prepare<[string, string, string]>('INSERT INTO run_outputs (run_id, node_id, payload) VALUES (?, ?, ?)');
    this.insertOutputs = db.prepare(`INSERT INTO run_outputs (run_id, node_id, payload) VALUES ${Array.from({ length: OUTPUTS_PER_INSERT }, () => '(?, ?, ?)').join(', ')}`);
    this.insertEmission = db.prepare<[string, string, string]>('INSERT INTO emissions (run_id, node_id, payload) VALUES (?, ?, ?)');
    this.insertLog = db.prepare('INSERT INTO logs (run_id, node_id, at, level, message, data) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertDeadLetter = db.prepare(
      `INSERT INTO dead_letters (id, run_id, flow_id, flow_version, node_id, message_id, idempotency_key, payload, error, history, attempts, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.putValue = db.prepare<[string, string, string, string, number | null]>(
      `INSERT INTO stores (store, key, value, updated_at, expires_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (store, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, expires_at = excluded.expires_at`,
    );
    this.deleteValue = db.prepare<[string, string]>('DELETE FROM stores WHERE store = ? AND key = ?');
    this.advanceInput = db.prepare<[number, number, number, number, string, number]>(
      'UPDATE run_inputs SET byte_offset = ?, line = ?, ingested = ?, done = ? WHERE run_id = ? AND ordinal = ?',
    );
    this.addCounts = db.prepare<[number, number, number, number, string]>(
      'UPDATE runs SET processed = processed + ?, dead = dead + ?, stored_bytes = stored_bytes + ?, heartbeat_at = ? WHERE id = ?',
    );
    this.steps = new StepRowWriter(db);
    this.releaseTimersStatement = db.prepare<[string, string]>(
      'UPDATE messages SET available_at = 0 WHERE run_id = ? AND timer = 1 AND available_at > 0 AND NOT EXISTS (SELECT 1 FROM messages WHERE run_id = ? AND timer = 0)',
    );
  }

  claim(request: ClaimRequest): Promise<ClaimedMessage[]> {
    return this.conn.run(() => this.claimStatement.all(request.runId, request.nodeId, Date.now(), request.limit).map(toClaimed));
  }

  /** A claim here is a read (the run's lease covers it): nothing to give back. */
  release(): Promise<void> {
    return Promise.resolve();
  }

  commit(batch: StepBatch): Promise<StepBatchResult> {
    return this.conn.run(() => {
      const apply = this.conn.db.transaction((): StepBatchResult => {
        // The run's lease: if another process took the run over (we were presumed dead), move nothing.
        if (this.ownerStatement.get(batch.runId)?.owner !== batch.owner) {
          throw new PipewrightError('RUN_TAKEN_OVER', `run ${batch.runId} was taken over by another process; this one stops driving it`);
        }
        const skipped: number[] = [];
        let processed = 0;
        let dead = 0;
        let stored = 0;
        batch.units.forEach((unit, index) => {
          if (!this.consumeInput(unit)) {
            skipped.push(index);
            return;
          }
          this.applyUnit(batch.runId, unit);
          processed += unit.processed;
          dead += unit.dead;
          stored += unit.storedBytes;
        });
        const advance = batch.inputAdvance;
        if (advance) this.advanceInput.run(advance.byteOffset, advance.line, advance.ingested, advance.done ? 1 : 0, advance.runId, advance.ordinal);
        this.flushOutputs();
        this.steps.flush(batch.runId);
        this.addCounts.run(processed, dead, stored, Date.now(), batch.runId);
        return { skipped };
      });
      try {
        return apply();
      } finally {
        this.pendingOutputs.length = 0;
        this.steps.discard();
      }
    });
  }

  /** Removes (or reschedules) the unit's claimed input; false when it already left the queue. */
  private consumeInput(unit: CommitUnit): boolean {
    if (unit.seq === undefined) return true;
    if (unit.retry) return this.retryStatement.run(unit.retry.attempt, unit.retry.availableAt, unit.retry.attemptsJson, unit.seq).changes > 0;
    return this.finishStatement.run(unit.seq).changes > 0;
  }

  private applyUnit(runId: string, unit: CommitUnit): void {
    if (unit.enqueue) for (const message of unit.enqueue) this.enqueueNow(message);
    if (unit.outputs) {
      for (const output of unit.outputs) {
        this.pendingOutputs.push(runId, output.nodeId, output.payload);
        if (this.pendingOutputs.length === OUTPUTS_PER_INSERT * 3) this.flushOutputs();
      }
    }
    if (unit.emissions) for (const emission of unit.emissions) this.insertEmission.run(runId, emission.nodeId, emission.payload);
    if (unit.steps) for (const step of unit.steps) this.steps.add(runId, step);
    if (unit.logs) for (const line of unit.logs) this.insertLog.run(runId, line.nodeId, line.at, line.level, line.message, line.data);
    if (unit.deadLetters) {
      const at = new Date().toISOString();
      for (const l of unit.deadLetters) {
        this.insertDeadLetter.run(l.id, l.runId, l.flowId, l.flowVersion, l.nodeId, l.messageId, l.idempotencyKey, l.payload, l.error, l.history, l.attempts, at);
      }
    }
    if (unit.state) this.putStateNow(unit.state);
  }

  /** Inserts the outputs gathered so far, in the order they were applied (run_outputs.seq keeps it). */
  private flushOutputs(): void {
    const values = this.pendingOutputs;
    if (values.length === OUTPUTS_PER_INSERT * 3) this.insertOutputs.run(values);
    else for (let at = 0; at < values.length; at += 3) this.insertOutput.run(values[at] as string, values[at + 1] as string, values[at + 2] as string);
    values.length = 0;
  }

  /** Inside a transaction: queues one message, ignoring a duplicate id. */
  enqueueNow(message: NewMessage): boolean {
    return this.insertStatement.run(
      message.id, message.runId, message.nodeId, message.payload, message.idempotencyKey === message.id ? null : message.idempotencyKey,
      message.attempt ?? 1, message.availableAt ?? 0, message.attemptsJson ?? null, message.timer === true ? 1 : 0, Date.now(),
    ).changes > 0;
  }

  /** Inside a transaction: applies key-value writes. */
  putStateNow(writes: ReadonlyArray<StateWrite>): void {
    const at = new Date().toISOString();
    for (const write of writes) {
      if (write.value === null) this.deleteValue.run(write.store, write.key);
      else this.putValue.run(write.store, write.key, write.value, at, write.expiresAt ?? null);
    }
  }

  nextAvailableAt(runId: string, nodeId: string): Promise<number | undefined> {
    return this.conn.run(() => this.nextAvailable.get(runId, nodeId)?.at ?? undefined);
  }

  depthByNode(runId: string): Promise<Map<string, number>> {
    return this.conn.run(() => new Map(this.countsByNode.all(runId).map((row) => [row.node_id, row.n])));
  }

  oldestAgeByNode(runId: string): Promise<Map<string, number>> {
    return this.conn.run(() => {
      const now = Date.now();
      return new Map(this.oldestByNode.all(runId).map((row) => [row.node_id, Math.max(0, now - row.at)]));
    });
  }

  countInRun(runId: string): Promise<number> {
    return this.conn.run(() => this.countRun.get(runId)?.n ?? 0);
  }

  releaseTimers(runId: string): Promise<number> {
    return this.conn.run(() => this.releaseTimersStatement.run(runId, runId).changes);
  }
}
