// Runs in SQLite: one row per run with its flow version, kind, status, lease (owner + heartbeat_at)
// and running counters; its trigger inputs (run_inputs) and terminal outputs (run_outputs).
import type { RunStatus } from '../../../../shared/runs.js';
import type { NodePayload, RunInput, RunPageQuery, RunRecord, RunStore } from '../types.js';
import { toRunInput, toRunRecord, type InputRow, type RunRow } from '../records.js';
import type { SqliteConnection } from './connection.js';

/** Tables holding a run's records, deleted with it (dead letters only once discarded). */
const RUN_TABLES = ['steps', 'run_outputs', 'emissions', 'logs', 'run_inputs', 'messages'] as const;

export class SqliteRunStore implements RunStore {
  private readonly get;
  private readonly recent;
  private readonly recentOfFlow;
  private readonly runningRows;
  private readonly interrupt;
  private readonly claim;
  private readonly beat;
  private readonly finishStatement;
  private readonly inputs;
  private readonly pending;
  private readonly outputRows;
  private readonly outputCountRows;
  private readonly finishedRows;
  private readonly deletes;

  constructor(private readonly conn: SqliteConnection) {
    const { db } = conn;
    this.get = db.prepare<[string], RunRow>('SELECT * FROM runs WHERE id = ?');
    this.recent = db.prepare<[number], RunRow>('SELECT * FROM runs ORDER BY started_at DESC, rowid DESC LIMIT ?');
    this.recentOfFlow = db.prepare<[string, number], RunRow>('SELECT * FROM runs WHERE flow_id = ? ORDER BY started_at DESC, rowid DESC LIMIT ?');
    this.runningRows = db.prepare<[], RunRow>(`SELECT * FROM runs WHERE status = 'running'`);
    this.interrupt = db.prepare<[string, string | null]>(`UPDATE runs SET status = 'interrupted', owner = NULL WHERE id = ? AND owner IS ?`);
    this.claim = db.prepare<[string, number, string, string | null]>(
      `UPDATE runs SET owner = ?, heartbeat_at = ?, status = 'running', finished_at = NULL WHERE id = ? AND owner IS ?`,
    );
    this.beat = db.prepare<[number, string, string]>('UPDATE runs SET heartbeat_at = ? WHERE id = ? AND owner = ?');
    this.finishStatement = db.prepare<[string, string | null, string, string]>('UPDATE runs SET status = ?, finished_at = ?, owner = NULL WHERE id = ? AND owner = ?');
    this.inputs = db.prepare<[string], InputRow>('SELECT * FROM run_inputs WHERE run_id = ? AND done = 0 ORDER BY ordinal');
    this.pending = db.prepare<[string], { n: number | null }>('SELECT sum(total - ingested) AS n FROM run_inputs WHERE run_id = ?');
    this.outputRows = db.prepare<[string, number], { node_id: string; payload: string }>('SELECT node_id, payload FROM run_outputs WHERE run_id = ? ORDER BY seq LIMIT ?');
    this.outputCountRows = db.prepare<[string], { node_id: string; n: number }>('SELECT node_id, count(*) AS n FROM run_outputs WHERE run_id = ? GROUP BY node_id');
    this.finishedRows = db.prepare<[string], { id: string; started_at: string; stored_bytes: number }>(
      `SELECT id, started_at, stored_bytes FROM runs WHERE flow_id = ? AND status IN ('succeeded', 'failed') ORDER BY started_at DESC, rowid DESC`,
    );
    this.deletes = [
      ...RUN_TABLES.map((table) => db.prepare<[string]>(`DELETE FROM ${table} WHERE run_id = ?`)),
      db.prepare<[string]>('DELETE FROM dead_letters WHERE run_id = ? AND discarded_at IS NOT NULL'),
      db.prepare<[string]>('DELETE FROM runs WHERE id = ?'),
    ];
  }

  find(runId: string): Promise<RunRecord | undefined> {
    return this.conn.run(() => {
      const row = this.get.get(runId);
      return row && toRunRecord(row);
    });
  }

  list(options: { flowId?: string; limit: number }): Promise<RunRecord[]> {
    return this.conn.run(() => (options.flowId === undefined ? this.recent.all(options.limit) : this.recentOfFlow.all(options.flowId, options.limit)).map(toRunRecord));
  }

  running(): Promise<RunRecord[]> {
    return this.conn.run(() => this.runningRows.all().map(toRunRecord));
  }

  markInterrupted(runId: string, owner: string | null): Promise<boolean> {
    return this.conn.run(() => this.interrupt.run(runId, owner).changes > 0);
  }

  takeOwnership(runId: string, owner: string, previous: string | null): Promise<boolean> {
    return this.conn.run(() => this.claim.run(owner, Date.now(), runId, previous).changes > 0);
  }

  heartbeat(runId: string, owner: string): Promise<void> {
    return this.conn.run(() => {
      this.beat.run(Date.now(), runId, owner);
    });
  }

  finish(runId: string, owner: string, status: RunStatus): Promise<void> {
    return this.conn.run(() => {
      this.finishStatement.run(status, status === 'succeeded' || status === 'failed' ? new Date().toISOString() : null, runId, owner);
    });
  }

  openInputs(runId: string): Promise<RunInput[]> {
    return this.conn.run(() => this.inputs.all(runId).map(toRunInput));
  }

  notYetIngested(runId: string): Promise<number> {
    return this.conn.run(() => this.pending.get(runId)?.n ?? 0);
  }

  outputs(runId: string, limit: number): Promise<NodePayload[]> {
    return this.conn.run(() => this.outputRows.all(runId, limit).map((row) => ({ nodeId: row.node_id, payload: row.payload })));
  }

  outputCounts(runId: string): Promise<Record<string, number>> {
    return this.conn.run(() => Object.fromEntries(this.outputCountRows.all(runId).map((row) => [row.node_id, row.n])));
  }

  finished(flowId: string): Promise<Array<{ id: string; startedAt: string; storedBytes: number }>> {
    return this.conn.run(() => this.finishedRows.all(flowId).map((row) => ({ id: row.id, startedAt: row.started_at, storedBytes: row.stored_bytes })));
  }

  delete(runIds: string[]): Promise<void> {
    return this.conn.run(() => {
      this.conn.db.transaction(() => {
        for (const runId of runIds) for (const statement of this.deletes) statement.run(runId);
      })();
    });
  }
  page(query: RunPageQuery): Promise<RunRecord[]> {
    const { where, params } = runFilter(query);
    if (query.after) {
      where.push('(started_at < ? OR (started_at = ? AND id < ?))');
      params.push(query.after.startedAt, query.after.startedAt, query.after.id);
    }
    const sql = `SELECT * FROM runs ${whereClause(where)} ORDER BY started_at DESC, id DESC LIMIT ?`;
    return this.conn.run(() => (this.conn.db.prepare(sql).all(...params, Math.max(0, Math.floor(query.limit))) as RunRow[]).map(toRunRecord));
  }

  count(query: Omit<RunPageQuery, 'after' | 'limit'>): Promise<number> {
    const { where, params } = runFilter(query);
    return this.conn.run(() => (this.conn.db.prepare(`SELECT count(*) AS n FROM runs ${whereClause(where)}`).get(...params) as { n: number }).n);
  }
}

/** The WHERE terms of the Runs view's filters; values are bound, never pasted into the SQL. */
function runFilter(query: Omit<RunPageQuery, 'after' | 'limit'>): { where: string[]; params: string[] } {
  const where: string[] = [];
  const params: string[] = [];
  const oneOf = (column: string, values: readonly string[] | undefined): void => {
    if (values === undefined) return;
    where.push(values.length === 0 ? '0' : `${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  if (query.flowId !== undefined) oneOf('flow_id', [query.flowId]);
  oneOf('status', query.statuses);
  oneOf('kind', query.kinds);
  oneOf('id', query.runIds);
  if (query.replayOf !== undefined) oneOf('replay_of', [query.replayOf]);
  if (query.startedFrom !== undefined) {
    where.push('started_at >= ?');
    params.push(query.startedFrom);
  }
  if (query.startedBefore !== undefined) {
    where.push('started_at < ?');
    params.push(query.startedBefore);
  }
  return { where, params };
}

function whereClause(where: string[]): string {
  return where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
}
