// The PostgreSQL store's read-mostly parts: flow versions, traces and logs, dead letters, key-value
// stores, idempotency keys and schedule firings — the same answers as ../sqlite/sqlite-records.ts.
// Their writes happen in a commit (./postgres-queue.ts) or a unit of work (./postgres-store.ts).
import type { LogLevel } from '../../../../shared/runs.js';
import { expandStepRows } from '../sqlite/step-rows.js';
import type {
  DeadLetterGroup, DeadLetterPageQuery, DeadLetterQuery, DeadLetterRecord, DeadLetterStore, FlowVersionStore, IdempotencyKeyStore, KeyValueStore, LogPageQuery, LogRow,
  NodePayload, NodeStepSummary, PayloadEdit, ScheduleFiringStore, StoredStep, TraceStore,
} from '../types.js';
import { toDeadLetter, toStoredStep, type DeadLetterRow, type StepRowColumns } from '../records.js';
import type { PostgresConnection } from './connection.js';
import { Filter } from './postgres-runs.js';

export class PostgresFlowVersions implements FlowVersionStore {
  constructor(private readonly conn: PostgresConnection) {}

  register(flowId: string, hash: string, document: string, path: string | null): Promise<number> {
    return this.conn.transaction(async (client) => {
      // Serialises registrations of one flow across processes for this transaction.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`pipewright.flow:${flowId}`]);
      const latest = (await client.query<{ version: number; hash: string }>('SELECT version, hash FROM flows WHERE flow_id = $1 ORDER BY version DESC LIMIT 1', [flowId])).rows[0];
      if (latest && latest.hash === hash) return latest.version;
      const version = (latest?.version ?? 0) + 1;
      await client.query('INSERT INTO flows (flow_id, version, hash, document, path, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [flowId, version, hash, document, path, new Date().toISOString()]);
      return version;
    });
  }

  async get(flowId: string, version: number): Promise<string | undefined> {
    return (await this.conn.query<{ document: string }>('SELECT document FROM flows WHERE flow_id = $1 AND version = $2', [flowId, version])).rows[0]?.document;
  }

  async latestDocuments(): Promise<string[]> {
    const { rows } = await this.conn.query<{ document: string }>('SELECT DISTINCT ON (flow_id) document FROM flows ORDER BY flow_id, version DESC');
    return rows.map((row) => row.document);
  }
}

/** A trace row as stored: one step, or several packed in `compact` (JSON). */
interface StepDbRow extends StepRowColumns {
  seq: number;
  compact: string | null;
}

export class PostgresTraces implements TraceStore {
  constructor(private readonly conn: PostgresConnection) {}

  async steps(runId: string, options: { nodeId?: string; limit: number }): Promise<StoredStep[]> {
    const { rows } = options.nodeId === undefined
      ? await this.conn.query<StepDbRow>('SELECT * FROM steps WHERE run_id = $1 ORDER BY seq LIMIT $2', [runId, options.limit])
      : await this.conn.query<StepDbRow>('SELECT * FROM steps WHERE run_id = $1 AND node_id = $2 ORDER BY seq LIMIT $3', [runId, options.nodeId, options.limit]);
    return expandStepRows(rows, options.limit).map(toStoredStep);
  }

  async emissions(runId: string): Promise<NodePayload[]> {
    const { rows } = await this.conn.query<{ node_id: string; payload: string }>('SELECT node_id, payload FROM emissions WHERE run_id = $1 ORDER BY seq', [runId]);
    return rows.map((row) => ({ nodeId: row.node_id, payload: row.payload }));
  }

  async outputSteps(runId: string): Promise<Array<{ nodeId: string; outputs: string }>> {
    const { rows } = await this.conn.query<{ node_id: string; outputs: string }>('SELECT node_id, outputs FROM steps WHERE run_id = $1 AND outputs IS NOT NULL ORDER BY seq', [runId]);
    return rows.map((row) => ({ nodeId: row.node_id, outputs: row.outputs }));
  }

  async logs(runId: string): Promise<LogRow[]> {
    const { rows } = await this.conn.query<{ at: string; node_id: string | null; level: LogLevel; message: string; data: string | null }>(
      'SELECT at, node_id, level, message, data FROM logs WHERE run_id = $1 ORDER BY seq',
      [runId],
    );
    return rows.map((row) => ({ nodeId: row.node_id, at: row.at, level: row.level, message: row.message, data: row.data }));
  }

  async logPage(runId: string, options: LogPageQuery): Promise<Array<LogRow & { seq: number }>> {
    const page = `SELECT seq, at, node_id, level, message, data FROM logs WHERE run_id = $1 AND seq > $2 AND seq < $3 ORDER BY seq${options.latest ? ' DESC' : ''} LIMIT $4`;
    const { rows } = await this.conn.query<{ seq: number; at: string; node_id: string | null; level: LogLevel; message: string; data: string | null }>(
      options.latest ? `SELECT * FROM (${page}) tail ORDER BY seq` : page,
      [runId, options.afterSeq ?? 0, options.beforeSeq ?? Number.MAX_SAFE_INTEGER, options.limit],
    );
    return rows.map((row) => ({ seq: row.seq, nodeId: row.node_id, at: row.at, level: row.level, message: row.message, data: row.data }));
  }

  async nodeSummaries(runId: string): Promise<NodeStepSummary[]> {
    // Full rows are summed by the server; compact rows (several counts-only steps each) are unpacked
    // there too, so the answer is one small row per node whatever the run's size.
    // A compact row keeps each step as [messageId, attempt, startedAt, durationMs], so distinct messages
    // count across both kinds of row (failed attempts kept whole, the success compact: one message).
    const { rows } = await this.conn.query<{ node_id: string; steps: number; errors: number; messages: number; total_ms: number; max_ms: number; first_at: number; last_at: number }>(
      `WITH each_step AS (
         SELECT node_id, message_id, error IS NOT NULL AS failed, duration_ms, started_at FROM steps WHERE run_id = $1 AND compact IS NULL
         UNION ALL
         SELECT s.node_id, e.value->>0, false, (e.value->>3)::DOUBLE PRECISION, (e.value->>2)::BIGINT
         FROM steps s CROSS JOIN LATERAL json_array_elements(s.compact::JSON) e WHERE s.run_id = $1 AND s.compact IS NOT NULL
       )
       SELECT node_id, count(*) AS steps, count(*) FILTER (WHERE failed) AS errors, count(DISTINCT message_id) AS messages,
              sum(duration_ms) AS total_ms, max(duration_ms) AS max_ms, min(started_at) AS first_at, max(started_at) AS last_at
       FROM each_step GROUP BY node_id ORDER BY min(started_at), node_id`,
      [runId],
    );
    const byNode = new Map<string, NodeStepSummary>(rows.map((row) => [row.node_id, {
      nodeId: row.node_id, steps: row.steps, errors: row.errors, messages: row.messages, totalMs: row.total_ms, maxMs: row.max_ms, firstAt: row.first_at, lastAt: row.last_at,
      emittedByPort: {}, failedMessages: 0,
    }]));
    // What the canvas badges need, summed by the server rather than by reading every trace row back:
    // messages per output port, messages whose latest attempt failed, the latest error.
    const [ports, failed, lastErrors] = await Promise.all([
      this.conn.query<{ node_id: string; port: string | null; n: number }>(
        `SELECT s.node_id, e.value->>'port' AS port, count(*) AS n
         FROM steps s CROSS JOIN LATERAL json_array_elements(CASE WHEN json_typeof(s.outputs::JSON) = 'array' THEN s.outputs::JSON ELSE '[]'::JSON END) e
         WHERE s.run_id = $1 AND s.outputs IS NOT NULL GROUP BY s.node_id, port`,
        [runId],
      ),
      this.conn.query<{ node_id: string; n: number }>(
        `SELECT node_id, count(*) AS n FROM (
           SELECT node_id, error, attempt, max(attempt) OVER (PARTITION BY node_id, message_id) AS latest FROM steps WHERE run_id = $1
         ) s WHERE error IS NOT NULL AND attempt = latest GROUP BY node_id`,
        [runId],
      ),
      this.conn.query<{ node_id: string; error: string }>('SELECT DISTINCT ON (node_id) node_id, error FROM steps WHERE run_id = $1 AND error IS NOT NULL ORDER BY node_id, seq DESC', [runId]),
    ]);
    for (const row of ports.rows) {
      const sum = byNode.get(row.node_id);
      if (sum) sum.emittedByPort = { ...sum.emittedByPort, [row.port ?? 'out']: row.n };
    }
    for (const row of failed.rows) {
      const sum = byNode.get(row.node_id);
      if (sum) sum.failedMessages = row.n;
    }
    for (const row of lastErrors.rows) {
      const sum = byNode.get(row.node_id);
      if (sum) sum.lastError = row.error;
    }
    return [...byNode.values()];
  }

  async stepPage(runId: string, options: { nodeId?: string; afterSeq?: number; limit: number }): Promise<{ steps: StoredStep[]; lastSeq?: number }> {
    const after = options.afterSeq ?? 0;
    const { rows } = options.nodeId === undefined
      ? await this.conn.query<StepDbRow>('SELECT * FROM steps WHERE run_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [runId, after, options.limit])
      : await this.conn.query<StepDbRow>('SELECT * FROM steps WHERE run_id = $1 AND node_id = $2 AND seq > $3 ORDER BY seq LIMIT $4', [runId, options.nodeId, after, options.limit]);
    const last = rows.at(-1);
    // Whole rows only: a compact row's steps stay on one page, so the cursor never splits one.
    const steps = expandStepRows(rows, Number.MAX_SAFE_INTEGER).map(toStoredStep);
    return last === undefined ? { steps } : { steps, lastSeq: last.seq };
  }

  async lineage(runId: string, messageId: string, limit: number): Promise<StoredStep[]> {
    // Ids derive by `/` (main/engine/ids.ts): every prefix ending before a `/` is an ancestor, and
    // descendants sort between `<id>/` and `<id>0` ('0' follows '/') in byte order (COLLATE "C"). Fused
    // steps commit in no particular order, so the path is ordered by depth (the `/`s), then by commit.
    const ancestors = messageId.split('/').map((_, index, parts) => parts.slice(0, index + 1).join('/'));
    const { rows } = await this.conn.query<StepDbRow>(
      `SELECT * FROM steps WHERE run_id = $1 AND compact IS NULL
         AND (message_id = ANY ($2::TEXT[]) OR (message_id COLLATE "C" >= $3 AND message_id COLLATE "C" < $4))
       ORDER BY length(message_id) - length(replace(message_id, '/', '')), seq LIMIT $5`,
      [runId, ancestors, `${messageId}/`, `${messageId}0`, limit],
    );
    return rows.map(toStoredStep);
  }

  async searchPayloads(text: string, options: { beforeSeq?: number; scanSteps: number }): Promise<{ runIds: string[]; scanned: number; lowestSeq?: number }> {
    const before = options.beforeSeq ?? Number.MAX_SAFE_INTEGER;
    // The window first (a range of seq, no payload read), then the text inside it only.
    const window = (await this.conn.query<{ n: number; lowest: number | null }>(
      'SELECT count(*) AS n, min(seq) AS lowest FROM (SELECT seq FROM steps WHERE seq < $1 ORDER BY seq DESC LIMIT $2) w',
      [before, Math.max(1, Math.floor(options.scanSteps))],
    )).rows[0];
    if (!window || window.n === 0 || window.lowest === null) return { runIds: [], scanned: 0 };
    const { rows } = await this.conn.query<{ run_id: string }>(
      `SELECT run_id, max(seq) AS newest FROM steps WHERE seq >= $1 AND seq < $2 AND (strpos(input, $3) > 0 OR strpos(outputs, $3) > 0)
       GROUP BY run_id ORDER BY newest DESC`,
      [window.lowest, before, text],
    );
    const first = (await this.conn.query<{ seq: number | null }>('SELECT min(seq) AS seq FROM steps')).rows[0]?.seq ?? 0;
    const runIds = rows.map((row) => row.run_id);
    return window.lowest > first ? { runIds, scanned: window.n, lowestSeq: window.lowest } : { runIds, scanned: window.n };
  }
}

export class PostgresDeadLetters implements DeadLetterStore {
  constructor(private readonly conn: PostgresConnection) {}

  async get(id: string): Promise<DeadLetterRecord | undefined> {
    const row = (await this.conn.query<DeadLetterRow>('SELECT * FROM dead_letters WHERE id = $1', [id])).rows[0];
    return row && toDeadLetter(row);
  }

  async list(query: DeadLetterQuery): Promise<DeadLetterRecord[]> {
    const filter = new Filter();
    filter.where.push('discarded_at IS NULL');
    if (query.runId !== undefined) filter.where.push(`run_id = ${filter.bind(query.runId)}`);
    if (query.flowId !== undefined) filter.where.push(`flow_id = ${filter.bind(query.flowId)}`);
    if (query.includeReplayed !== true) filter.where.push('replayed_in IS NULL');
    const limit = query.limit === undefined ? '' : ` LIMIT ${filter.bind(Math.max(0, Math.floor(query.limit)))}`;
    const { rows } = await this.conn.query<DeadLetterRow>(`SELECT * FROM dead_letters WHERE ${filter.where.join(' AND ')} ORDER BY created_at, seq${limit}`, filter.params);
    return rows.map(toDeadLetter);
  }

  async discard(ids: string[]): Promise<number> {
    const { rowCount } = await this.conn.query('UPDATE dead_letters SET discarded_at = $1 WHERE id = ANY ($2::TEXT[]) AND discarded_at IS NULL', [new Date().toISOString(), ids]);
    return rowCount ?? 0;
  }

  async page(query: DeadLetterPageQuery): Promise<DeadLetterRecord[]> {
    const filter = deadLetterFilter(query);
    if (query.after) {
      filter.where.push(`(created_at < ${filter.bind(query.after.createdAt)} OR (created_at = ${filter.bind(query.after.createdAt)} AND id < ${filter.bind(query.after.id)}))`);
    }
    const limit = filter.bind(Math.max(0, Math.floor(query.limit)));
    const { rows } = await this.conn.query<DeadLetterRow>(`SELECT * FROM dead_letters WHERE ${filter.where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ${limit}`, filter.params);
    return rows.map(toDeadLetter);
  }

  async groups(query: Omit<DeadLetterPageQuery, 'after' | 'limit'>): Promise<DeadLetterGroup[]> {
    const filter = deadLetterFilter(query);
    const { rows } = await this.conn.query<{ flow_id: string; node_id: string; code: string | null; n: number; latest: string }>(
      `SELECT flow_id, node_id, error::JSON->>'code' AS code, count(*) AS n, max(created_at) AS latest
       FROM dead_letters WHERE ${filter.where.join(' AND ')} GROUP BY flow_id, node_id, code ORDER BY n DESC, flow_id, node_id, code`,
      filter.params,
    );
    return rows.map((row) => ({ flowId: row.flow_id, nodeId: row.node_id, errorCode: row.code ?? '', count: row.n, latestAt: row.latest }));
  }

  editPayload(id: string, payload: string, at: string): Promise<boolean> {
    return this.conn.transaction(async (client) => {
      const row = (await client.query<DeadLetterRow>('SELECT * FROM dead_letters WHERE id = $1 FOR UPDATE', [id])).rows[0];
      if (!row || row.discarded_at !== null || row.replayed_in !== null) return false;
      const edits: PayloadEdit[] = [...parseEdits(row.edits), { at, previous: row.payload }];
      return ((await client.query('UPDATE dead_letters SET payload = $1, edits = $2 WHERE id = $3', [payload, JSON.stringify(edits), id])).rowCount ?? 0) > 0;
    });
  }

  async edits(id: string): Promise<PayloadEdit[]> {
    return parseEdits((await this.conn.query<{ edits: string | null }>('SELECT edits FROM dead_letters WHERE id = $1', [id])).rows[0]?.edits ?? null);
  }
}

function parseEdits(text: string | null): PayloadEdit[] {
  return text === null ? [] : (JSON.parse(text) as PayloadEdit[]);
}

/** The WHERE terms of the Dead letters view's filters (never discarded ones); values are bound. */
function deadLetterFilter(query: Omit<DeadLetterPageQuery, 'after' | 'limit'>): Filter {
  const filter = new Filter();
  filter.where.push('discarded_at IS NULL');
  const equal = (column: string, value: string | undefined): void => {
    if (value !== undefined) filter.where.push(`${column} = ${filter.bind(value)}`);
  };
  equal('run_id', query.runId);
  equal('flow_id', query.flowId);
  equal('node_id', query.nodeId);
  equal(`error::JSON->>'code'`, query.errorCode);
  if (query.includeReplayed !== true) filter.where.push('replayed_in IS NULL');
  return filter;
}

export class PostgresKeyValues implements KeyValueStore {
  constructor(private readonly conn: PostgresConnection) {}

  async get(store: string, key: string): Promise<string | undefined> {
    const { rows } = await this.conn.query<{ value: string }>('SELECT value FROM stores WHERE store = $1 AND key = $2 AND (expires_at IS NULL OR expires_at > $3)', [store, key, Date.now()]);
    return rows[0]?.value;
  }
}

export class PostgresIdempotencyKeys implements IdempotencyKeyStore {
  constructor(private readonly conn: PostgresConnection) {}

  async find(scope: string, key: string): Promise<string | undefined> {
    return (await this.conn.query<{ message_id: string }>('SELECT message_id FROM idempotency_keys WHERE scope = $1 AND key = $2', [scope, key])).rows[0]?.message_id;
  }
}

export class PostgresScheduleFirings implements ScheduleFiringStore {
  constructor(private readonly conn: PostgresConnection) {}

  async latest(scope: string): Promise<number | undefined> {
    return (await this.conn.query<{ instant: number | null }>('SELECT max(instant) AS instant FROM schedule_firings WHERE scope = $1', [scope])).rows[0]?.instant ?? undefined;
  }
}
