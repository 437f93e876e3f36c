// The message queue on PostgreSQL. A claim leases each row it returns to the claimer until a deadline
// (claimed_by, lease_until), taking rows with FOR UPDATE SKIP LOCKED so processes claiming at once get
// different rows; a row whose lease ran out is free again. A claim is one call of `pipewright_claim`,
// a commit one call of `pipewright_commit` with the batch as JSON (./migrations.ts): one round trip each.
import type { ClaimedMessage, ClaimRequest, CommitUnit, NewMessage, QueueStore, StateWrite, StepBatch, StepBatchResult } from '../types.js';
import { toClaimed, type ClaimedRow } from '../records.js';
import type { PostgresConnection, Queryable } from './connection.js';

/** How the commit tags every item with the index of the unit it belongs to. */
type Tagged<T> = T & { u: number; ord?: number };

export class PostgresQueueStore implements QueueStore {
  /**
   * @param checkRunOwner the commit refuses a committer that no longer holds the run's lease; off when
   * several processes share a run and only message leases decide (DESIGN.md §8).
   */
  constructor(private readonly conn: PostgresConnection, private readonly checkRunOwner: () => boolean) {}

  async claim(request: ClaimRequest): Promise<ClaimedMessage[]> {
    const now = Date.now();
    const params: unknown[] = [request.runId, request.nodeId, request.owner, now + request.leaseMs, now, Math.max(0, Math.floor(request.limit))];
    const call = request.exclusive === undefined ? 'pipewright_claim($1, $2, $3, $4, $5, $6)' : 'pipewright_claim_exclusive($1, $2, $3, $4, $5, $6, $7)';
    if (request.exclusive !== undefined) params.push(request.exclusive);
    const { rows } = await this.conn.query<ClaimedRow>(`SELECT seq, id, payload, attempt, idempotency_key, attempts_json, timer FROM ${call}`, params);
    return rows.sort((a, b) => a.seq - b.seq).map(toClaimed);
  }

  async commit(batch: StepBatch): Promise<StepBatchResult> {
    const params: unknown[] = [batch.runId, batch.owner, this.checkRunOwner(), Date.now(), new Date().toISOString(), ...commitParameters(batch)];
    // An exclusive batch commits through the function that checks and ends its lease (./exclusive-claims.ts).
    const call = batch.exclusive === undefined
      ? 'pipewright_commit($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)'
      : 'pipewright_commit_exclusive($15, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)';
    if (batch.exclusive !== undefined) params.push(batch.exclusive);
    const { rows } = await this.conn.query<{ skipped: number[] }>(`SELECT ${call} AS skipped`, params);
    return { skipped: rows[0]?.skipped ?? [] };
  }

  async release(runId: string, owner: string, messages: ClaimedMessage[]): Promise<void> {
    const seqs = messages.flatMap((message) => (message.seq === undefined ? [] : [message.seq]));
    if (seqs.length === 0) return;
    await this.conn.query('UPDATE messages SET claimed_by = NULL, lease_until = NULL WHERE run_id = $1 AND claimed_by = $2 AND seq = ANY($3::BIGINT[])', [runId, owner, seqs]);
  }

  async nextAvailableAt(runId: string, nodeId: string): Promise<number | undefined> {
    // On a shared run, a row another process holds becomes claimable when its lease runs out, not
    // before; a run driven by one process holds no one else's rows (taking the run freed them).
    const sql = this.checkRunOwner()
      ? 'SELECT min(available_at) AS at FROM messages WHERE run_id = $1 AND node_id = $2'
      : 'SELECT min(CASE WHEN lease_until > $3 THEN greatest(available_at, lease_until) ELSE available_at END) AS at FROM messages WHERE run_id = $1 AND node_id = $2';
    const { rows } = await this.conn.query<{ at: number | null }>(sql, this.checkRunOwner() ? [runId, nodeId] : [runId, nodeId, Date.now()]);
    return rows[0]?.at ?? undefined;
  }

  async depthByNode(runId: string): Promise<Map<string, number>> {
    const { rows } = await this.conn.query<{ node_id: string; n: number }>('SELECT node_id, count(*) AS n FROM messages WHERE run_id = $1 GROUP BY node_id', [runId]);
    return new Map(rows.map((row) => [row.node_id, row.n]));
  }

  async oldestAgeByNode(runId: string): Promise<Map<string, number>> {
    // Aged on the database's clock, the one that stamped enqueued_at: machines' clocks do not enter.
    const { rows } = await this.conn.query<{ node_id: string; age: number }>(
      `SELECT node_id, greatest(0, (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT - min(enqueued_at)) AS age
       FROM messages WHERE run_id = $1 GROUP BY node_id`,
      [runId],
    );
    return new Map(rows.map((row) => [row.node_id, Number(row.age)]));
  }

  async countInRun(runId: string): Promise<number> {
    const { rows } = await this.conn.query<{ n: number }>('SELECT count(*) AS n FROM messages WHERE run_id = $1', [runId]);
    return rows[0]?.n ?? 0;
  }

  async releaseTimers(runId: string): Promise<number> {
    const { rowCount } = await this.conn.query(
      'UPDATE messages SET available_at = 0 WHERE run_id = $1 AND timer AND available_at > 0 AND NOT EXISTS (SELECT 1 FROM messages WHERE run_id = $1 AND NOT timer)',
      [runId],
    );
    return rowCount ?? 0;
  }
}

/** Inside a transaction: queues messages, ignoring ids already queued; returns how many were new. */
export async function enqueueOn(client: Queryable, messages: NewMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const { rowCount } = await client.query(
    `INSERT INTO messages (id, run_id, node_id, payload, idempotency_key, attempt, available_at, attempts_json, timer)
     SELECT x.id, x.run_id, x.node_id, x.payload, x.idempotency_key, x.attempt, x.available_at, x.attempts_json, x.timer
     FROM json_to_recordset($1) AS x(id TEXT, run_id TEXT, node_id TEXT, payload TEXT, idempotency_key TEXT, attempt INTEGER,
       available_at BIGINT, attempts_json TEXT, timer BOOLEAN, ord BIGINT)
     ORDER BY x.ord
     ON CONFLICT (id) DO NOTHING`,
    [jsonRows(messages.map(messageRow))],
  );
  return rowCount ?? 0;
}

/** Inside a transaction: key-value writes, the last write of a key winning. */
export async function putStateOn(client: Queryable, writes: StateWrite[]): Promise<void> {
  if (writes.length === 0) return;
  await client.query('SELECT pipewright_put_state($1, $2, $3)', [jsonRows(writes.map((write) => stateRow(write))), [], new Date().toISOString()]);
}

/** JSON text of rows for json_to_recordset, each numbered (`ord`): the order they are written in. */
function jsonRows(rows: Array<Record<string, unknown>>): string {
  rows.forEach((row, ord) => {
    row.ord = ord;
  });
  return JSON.stringify(rows);
}

function messageRow(message: NewMessage): Record<string, unknown> {
  return {
    id: message.id, run_id: message.runId, node_id: message.nodeId, payload: message.payload,
    // Like the SQLite store: a key equal to the message id is not stored twice.
    idempotency_key: message.idempotencyKey === message.id ? null : message.idempotencyKey,
    attempt: message.attempt ?? 1, available_at: message.availableAt ?? 0, attempts_json: message.attemptsJson ?? null, timer: message.timer === true,
  };
}

function stateRow(write: StateWrite, u = -1): Record<string, unknown> {
  return { u, store: write.store, key: write.key, value: write.value, expires_at: write.expiresAt ?? null };
}

/** The JSON arrays `pipewright_commit` takes after its scalar parameters, in order (null: none). */
function commitParameters(batch: StepBatch): Array<string | null> {
  const units: Array<Record<string, unknown>> = [];
  const messages: Array<Tagged<Record<string, unknown>>> = [];
  const outputs: Array<Tagged<{ node_id: string; payload: string }>> = [];
  const emissions: Array<Tagged<{ node_id: string; payload: string }>> = [];
  const steps: Array<Record<string, unknown>> = [];
  const logs: Array<Record<string, unknown>> = [];
  const dead: Array<Record<string, unknown>> = [];
  const state: Array<Record<string, unknown>> = [];
  batch.units.forEach((unit: CommitUnit, u) => {
    units.push({
      u, seq: unit.seq ?? null, retry: unit.retry !== undefined, attempt: unit.retry?.attempt ?? null, available_at: unit.retry?.availableAt ?? null,
      attempts_json: unit.retry?.attemptsJson ?? null, processed: unit.processed, dead: unit.dead, stored: unit.storedBytes,
    });
    for (const message of unit.enqueue ?? []) messages.push({ u, ...messageRow(message) });
    for (const output of unit.outputs ?? []) outputs.push({ u, node_id: output.nodeId, payload: output.payload });
    for (const emission of unit.emissions ?? []) emissions.push({ u, node_id: emission.nodeId, payload: emission.payload });
    for (const step of unit.steps ?? []) {
      const bare = step.input === null && step.outputs === null && step.error === null;
      steps.push({
        u, node_id: step.nodeId, message_id: step.messageId, attempt: step.attempt, started_at: step.startedAt,
        // Compact rows keep microseconds, as the SQLite store's do.
        duration_ms: bare ? Math.round(step.durationMs * 1000) / 1000 : step.durationMs, input: step.input, outputs: step.outputs, error: step.error, bare,
      });
    }
    for (const line of unit.logs ?? []) logs.push({ u, node_id: line.nodeId, at: line.at, level: line.level, message: line.message, data: line.data });
    for (const l of unit.deadLetters ?? []) {
      dead.push({
        u, id: l.id, run_id: l.runId, flow_id: l.flowId, flow_version: l.flowVersion, node_id: l.nodeId, message_id: l.messageId,
        idempotency_key: l.idempotencyKey, payload: l.payload, error: l.error, history: l.history, attempts: l.attempts,
      });
    }
    for (const write of unit.state ?? []) state.push(stateRow(write, u));
  });
  const json = (rows: Array<Record<string, unknown>>): string | null => (rows.length === 0 ? null : jsonRows(rows));
  const advance = batch.inputAdvance;
  return [
    JSON.stringify(units), json(messages), json(outputs), json(emissions), json(steps), json(logs), json(dead), json(state),
    advance ? JSON.stringify({ run_id: advance.runId, ordinal: advance.ordinal, byte_offset: advance.byteOffset, line: advance.line, ingested: advance.ingested, done: advance.done }) : null,
  ];
}
