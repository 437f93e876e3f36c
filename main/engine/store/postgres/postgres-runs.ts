// Runs on PostgreSQL: one row per run with its flow version, kind, status, lease (owner + heartbeat_at)
// and running counters; its trigger inputs (run_inputs) and terminal outputs (run_outputs). Same
// semantics as ../sqlite/sqlite-runs.ts; a run's lease changing hands also frees the message leases
// of the run, so whoever drives it next claims them at once instead of waiting for them to run out.
import type { RunStatus } from '../../../../shared/runs.js';
import type { NodePayload, RunInput, RunPageQuery, RunRecord, RunStore } from '../types.js';
import { toRunInput, toRunRecord, type InputRow, type RunRow } from '../records.js';
import type { PostgresConnection, Queryable } from './connection.js';

const RUN_COLUMNS = 'id, flow_id, flow_version, flow_path, kind, status, owner, heartbeat_at, started_at, finished_at, received, processed, dead, stored_bytes, replay_of';

/** Tables holding a run's records, deleted with it (dead letters only once discarded). */
const RUN_TABLES = ['steps', 'run_outputs', 'emissions', 'logs', 'run_inputs', 'messages', 'exclusive_claims'] as const;

export class PostgresRunStore implements RunStore {
  constructor(private readonly conn: PostgresConnection, private readonly sharedRuns = false) {}

  async find(runId: string): Promise<RunRecord | undefined> {
    const { rows } = await this.conn.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = $1`, [runId]);
    return rows[0] && toRunRecord(rows[0]);
  }

  async list(options: { flowId?: string; limit: number }): Promise<RunRecord[]> {
    const { rows } = options.flowId === undefined
      ? await this.conn.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs ORDER BY started_at DESC, seq DESC LIMIT $1`, [options.limit])
      : await this.conn.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs WHERE flow_id = $1 ORDER BY started_at DESC, seq DESC LIMIT $2`, [options.flowId, options.limit]);
    return rows.map(toRunRecord);
  }

  async running(): Promise<RunRecord[]> {
    return (await this.conn.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs WHERE status = 'running'`)).rows.map(toRunRecord);
  }

  markInterrupted(runId: string, owner: string | null): Promise<boolean> {
    return this.conn.transaction(async (client) => {
      const { rowCount } = await client.query(`UPDATE runs SET status = 'interrupted', owner = NULL WHERE id = $1 AND owner IS NOT DISTINCT FROM $2`, [runId, owner]);
      if (!rowCount) return false;
      if (owner !== null) await releaseClaims(client, runId, owner);
      return true;
    });
  }

  takeOwnership(runId: string, owner: string, previous: string | null): Promise<boolean> {
    return this.conn.transaction(async (client) => {
      const { rowCount } = await client.query(
        `UPDATE runs SET owner = $1, heartbeat_at = $2, status = 'running', finished_at = NULL WHERE id = $3 AND owner IS NOT DISTINCT FROM $4`,
        [owner, Date.now(), runId, previous],
      );
      if (!rowCount) return false;
      // The run is ours alone now: what its earlier drivers had claimed is free for us.
      await client.query('UPDATE messages SET claimed_by = NULL, lease_until = NULL WHERE run_id = $1 AND claimed_by IS NOT NULL', [runId]);
      await client.query('DELETE FROM exclusive_claims WHERE run_id = $1', [runId]);
      return true;
    });
  }

  async heartbeat(runId: string, owner: string): Promise<void> {
    await this.conn.query('UPDATE runs SET heartbeat_at = $1 WHERE id = $2 AND owner = $3', [Date.now(), runId, owner]);
  }

  async finish(runId: string, owner: string, status: RunStatus): Promise<void> {
    const finishedAt = status === 'succeeded' || status === 'failed' ? new Date().toISOString() : null;
    await this.conn.transaction(async (client) => {
      if (!this.sharedRuns) {
        await client.query('UPDATE runs SET status = $1, finished_at = $2, owner = NULL WHERE id = $3 AND owner = $4', [status, finishedAt, runId, owner]);
      } else if (status === 'interrupted') {
        // A shared run goes on in other processes: one that stops only lets go (of the run, if it
        // held it open as the intake of a live run: workers then finish it once drained).
        await client.query('UPDATE runs SET owner = NULL WHERE id = $1 AND owner = $2', [runId, owner]);
      } else {
        // Drained: whoever sees it first ends it; the others find it ended.
        await client.query(`UPDATE runs SET status = $1, finished_at = $2, owner = NULL WHERE id = $3 AND status = 'running'`, [status, finishedAt, runId]);
      }
      await releaseClaims(client, runId, owner);
    });
  }

  async openInputs(runId: string): Promise<RunInput[]> {
    return (await this.conn.query<InputRow>('SELECT * FROM run_inputs WHERE run_id = $1 AND NOT done ORDER BY ordinal', [runId])).rows.map(toRunInput);
  }

  async notYetIngested(runId: string): Promise<number> {
    return (await this.conn.query<{ n: number | null }>('SELECT sum(total - ingested) AS n FROM run_inputs WHERE run_id = $1', [runId])).rows[0]?.n ?? 0;
  }

  async outputs(runId: string, limit: number): Promise<NodePayload[]> {
    const { rows } = await this.conn.query<{ node_id: string; payload: string }>('SELECT node_id, payload FROM run_outputs WHERE run_id = $1 ORDER BY seq LIMIT $2', [runId, limit]);
    return rows.map((row) => ({ nodeId: row.node_id, payload: row.payload }));
  }

  async outputCounts(runId: string): Promise<Record<string, number>> {
    const { rows } = await this.conn.query<{ node_id: string; n: number }>('SELECT node_id, count(*) AS n FROM run_outputs WHERE run_id = $1 GROUP BY node_id', [runId]);
    return Object.fromEntries(rows.map((row) => [row.node_id, row.n]));
  }

  async finished(flowId: string): Promise<Array<{ id: string; startedAt: string; storedBytes: number }>> {
    const { rows } = await this.conn.query<{ id: string; started_at: string; stored_bytes: number }>(
      `SELECT id, started_at, stored_bytes FROM runs WHERE flow_id = $1 AND status IN ('succeeded', 'failed') ORDER BY started_at DESC, seq DESC`,
      [flowId],
    );
    return rows.map((row) => ({ id: row.id, startedAt: row.started_at, storedBytes: row.stored_bytes }));
  }

  async delete(runIds: string[]): Promise<void> {
    if (runIds.length === 0) return;
    await this.conn.transaction(async (client) => {
      for (const table of RUN_TABLES) await client.query(`DELETE FROM ${table} WHERE run_id = ANY ($1)`, [runIds]);
      await client.query('DELETE FROM dead_letters WHERE run_id = ANY ($1) AND discarded_at IS NOT NULL', [runIds]);
      await client.query('DELETE FROM runs WHERE id = ANY ($1)', [runIds]);
    });
  }

  async page(query: RunPageQuery): Promise<RunRecord[]> {
    const filter = runFilter(query);
    if (query.after) {
      filter.where.push(`(started_at < ${filter.bind(query.after.startedAt)} OR (started_at = ${filter.bind(query.after.startedAt)} AND id < ${filter.bind(query.after.id)}))`);
    }
    const limit = filter.bind(Math.max(0, Math.floor(query.limit)));
    const { rows } = await this.conn.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs ${whereClause(filter.where)} ORDER BY started_at DESC, id DESC LIMIT ${limit}`, filter.params);
    return rows.map(toRunRecord);
  }

  async count(query: Omit<RunPageQuery, 'after' | 'limit'>): Promise<number> {
    const filter = runFilter(query);
    return (await this.conn.query<{ n: number }>(`SELECT count(*) AS n FROM runs ${whereClause(filter.where)}`, filter.params)).rows[0]?.n ?? 0;
  }
}

/** Lets go of what `owner` claimed in a run, message leases and exclusive claims alike: others may take them at once. */
async function releaseClaims(client: Queryable, runId: string, owner: string): Promise<void> {
  await client.query('UPDATE messages SET claimed_by = NULL, lease_until = NULL WHERE run_id = $1 AND claimed_by = $2', [runId, owner]);
  await client.query('DELETE FROM exclusive_claims WHERE run_id = $1 AND owner = $2', [runId, owner]);
}

/** Bound parameters of a statement built from filters: `bind` returns the placeholder ($n). */
export class Filter {
  readonly where: string[] = [];
  readonly params: unknown[] = [];

  bind(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

/** The WHERE terms of the Runs view's filters; values are bound, never pasted into the SQL. */
function runFilter(query: Omit<RunPageQuery, 'after' | 'limit'>): Filter {
  const filter = new Filter();
  const oneOf = (column: string, values: readonly string[] | undefined): void => {
    if (values === undefined) return;
    filter.where.push(`${column} = ANY (${filter.bind([...values])}::TEXT[])`);
  };
  if (query.flowId !== undefined) oneOf('flow_id', [query.flowId]);
  oneOf('status', query.statuses);
  oneOf('kind', query.kinds);
  oneOf('id', query.runIds);
  if (query.replayOf !== undefined) oneOf('replay_of', [query.replayOf]);
  if (query.startedFrom !== undefined) filter.where.push(`started_at >= ${filter.bind(query.startedFrom)}`);
  if (query.startedBefore !== undefined) filter.where.push(`started_at < ${filter.bind(query.startedBefore)}`);
  return filter;
}

export function whereClause(where: string[]): string {
  return where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
}
