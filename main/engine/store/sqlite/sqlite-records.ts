// The SQLite store's read-mostly parts: flow versions, traces and logs, dead letters, key-value
// stores, idempotency keys and schedule firings. Their writes happen in a commit (sqlite-queue.ts)
// or a unit of work (sqlite-store.ts).
import type { LogLevel } from '../../../../shared/runs.js';
import type {
  DeadLetterGroup, DeadLetterPageQuery, DeadLetterQuery, DeadLetterRecord, DeadLetterStore, FlowVersionStore, IdempotencyKeyStore, KeyValueStore, LogPageQuery, LogRow,
  NodePayload, NodeStepSummary, PayloadEdit, ScheduleFiringStore, StoredStep, TraceStore,
} from '../types.js';
import { toDeadLetter, toStoredStep, type DeadLetterRow, type StepRowColumns } from '../records.js';
import type { SqliteConnection } from './connection.js';
import { compactSteps, expandStepRows } from './step-rows.js';

export class SqliteFlowVersions implements FlowVersionStore {
  private readonly latest;
  private readonly insert;
  private readonly byVersion;
  private readonly latestAll;

  constructor(private readonly conn: SqliteConnection) {
    const { db } = conn;
    this.latest = db.prepare<[string], { version: number; hash: string }>('SELECT version, hash FROM flows WHERE flow_id = ? ORDER BY version DESC LIMIT 1');
    this.insert = db.prepare('INSERT INTO flows (flow_id, version, hash, document, path, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.byVersion = db.prepare<[string, number], { document: string }>('SELECT document FROM flows WHERE flow_id = ? AND version = ?');
    this.latestAll = db.prepare<[], { document: string }>(
      'SELECT f.document FROM flows f JOIN (SELECT flow_id, max(version) AS version FROM flows GROUP BY flow_id) l ON f.flow_id = l.flow_id AND f.version = l.version',
    );
  }

  register(flowId: string, hash: string, document: string, path: string | null): Promise<number> {
    return this.conn.run(() => this.conn.db.transaction(() => {
      const latest = this.latest.get(flowId);
      if (latest && latest.hash === hash) return latest.version;
      const version = (latest?.version ?? 0) + 1;
      this.insert.run(flowId, version, hash, document, path, new Date().toISOString());
      return version;
    }).immediate());
  }

  get(flowId: string, version: number): Promise<string | undefined> {
    return this.conn.run(() => this.byVersion.get(flowId, version)?.document);
  }

  latestDocuments(): Promise<string[]> {
    return this.conn.run(() => this.latestAll.all().map((row) => row.document));
  }
}

/** A trace row as stored: one step, or several packed in `compact` (JSON). */
interface StepDbRow extends StepRowColumns {
  compact: string | null;
}

interface LogDbRow {
  seq: number;
  at: string;
  node_id: string | null;
  level: LogLevel;
  message: string;
  data: string | null;
}

export class SqliteTraces implements TraceStore {
  private readonly selectSteps;
  private readonly selectStepsOfNode;
  private readonly selectEmissions;
  private readonly selectOutputSteps;
  private readonly selectLogs;
  private readonly selectNodeSums;
  private readonly selectCompactRows;
  private readonly selectPortCounts;
  private readonly selectFailedMessages;
  private readonly selectDistinctMessages;
  private readonly selectLogPage;
  private readonly selectLogTail;
  private readonly selectLastError;
  private readonly selectPage;
  private readonly selectPageOfNode;
  private readonly searchWindow;
  private readonly searchHits;
  private readonly firstSeq;

  constructor(private readonly conn: SqliteConnection) {
    const { db } = conn;
    this.selectSteps = db.prepare<[string, number], StepDbRow>('SELECT * FROM steps WHERE run_id = ? ORDER BY seq LIMIT ?');
    this.selectStepsOfNode = db.prepare<[string, string, number], StepDbRow>('SELECT * FROM steps WHERE run_id = ? AND node_id = ? ORDER BY seq LIMIT ?');
    this.selectEmissions = db.prepare<[string], { node_id: string; payload: string }>('SELECT node_id, payload FROM emissions WHERE run_id = ? ORDER BY seq');
    this.selectOutputSteps = db.prepare<[string], { node_id: string; outputs: string }>('SELECT node_id, outputs FROM steps WHERE run_id = ? AND outputs IS NOT NULL ORDER BY seq');
    this.selectLogs = db.prepare<[string], { at: string; node_id: string | null; level: LogLevel; message: string; data: string | null }>(
      'SELECT at, node_id, level, message, data FROM logs WHERE run_id = ? ORDER BY seq',
    );
    // seq is the rowid, so logs_run (run_id, then rowid) serves both pages without sorting the run's log.
    this.selectLogPage = db.prepare<[string, number, number, number], LogDbRow>(
      'SELECT seq, at, node_id, level, message, data FROM logs WHERE run_id = ? AND seq > ? AND seq < ? ORDER BY seq LIMIT ?',
    );
    this.selectLogTail = db.prepare<[string, number, number, number], LogDbRow>(
      'SELECT * FROM (SELECT seq, at, node_id, level, message, data FROM logs WHERE run_id = ? AND seq > ? AND seq < ? ORDER BY seq DESC LIMIT ?) ORDER BY seq',
    );
    this.selectNodeSums = db.prepare<[string], { node_id: string; steps: number; errors: number; total_ms: number; max_ms: number; first_at: number; last_at: number }>(
      `SELECT node_id, count(*) AS steps, sum(error IS NOT NULL) AS errors, sum(duration_ms) AS total_ms, max(duration_ms) AS max_ms,
              min(started_at) AS first_at, max(started_at) AS last_at
       FROM steps WHERE run_id = ? AND compact IS NULL GROUP BY node_id`,
    );
    this.selectCompactRows = db.prepare<[string], { node_id: string; compact: string }>('SELECT node_id, compact FROM steps WHERE run_id = ? AND compact IS NOT NULL');
    this.selectPortCounts = db.prepare<[string], { node_id: string; port: string | null; n: number }>(
      `SELECT s.node_id, json_extract(o.value, '$.port') AS port, count(*) AS n
       FROM steps s, json_each(s.outputs) o WHERE s.run_id = ? AND s.outputs IS NOT NULL GROUP BY s.node_id, port`,
    );
    this.selectFailedMessages = db.prepare<[string, string], { node_id: string; n: number }>(
      `SELECT s.node_id, count(*) AS n FROM steps s
       WHERE s.run_id = ? AND s.error IS NOT NULL AND s.compact IS NULL
         AND s.attempt = (SELECT max(t.attempt) FROM steps t WHERE t.run_id = ? AND t.message_id = s.message_id AND t.node_id = s.node_id)
       GROUP BY s.node_id`,
    );
    // A compact row holds its steps' message ids (./step-rows.ts: `[[messageId, …], …]`, or since 2026-12
    // `{"p": prefix, "s": [suffix, attempt, start, duration, …]}`): a message whose failed attempts kept
    // full rows and whose success a compact one counts once. Each row's form and prefix are read once.
    this.selectDistinctMessages = db.prepare<[string, string], { node_id: string; n: number }>(
      `WITH packed AS MATERIALIZED (
         SELECT node_id, compact, json_type(compact) AS form, json_extract(compact, '$.p') AS prefix FROM steps WHERE run_id = ? AND compact IS NOT NULL
       )
       SELECT node_id, count(DISTINCT message_id) AS n FROM (
         SELECT node_id, message_id FROM steps WHERE run_id = ? AND compact IS NULL
         UNION ALL
         SELECT p.node_id, json_extract(c.value, '$[0]') FROM packed p, json_each(p.compact) c WHERE p.form = 'array'
         UNION ALL
         SELECT p.node_id, p.prefix || c.value FROM packed p, json_each(p.compact, '$.s') c WHERE p.form = 'object' AND c.key % 4 = 0
       ) GROUP BY node_id`,
    );
    this.selectLastError = db.prepare<[string, string], { error: string }>(
      'SELECT error FROM steps WHERE run_id = ? AND node_id = ? AND error IS NOT NULL ORDER BY seq DESC LIMIT 1',
    );
    this.selectPage = db.prepare<[string, number, number], StepDbRow & { seq: number }>('SELECT * FROM steps WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?');
    this.selectPageOfNode = db.prepare<[string, string, number, number], StepDbRow & { seq: number }>(
      'SELECT * FROM steps WHERE run_id = ? AND node_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    );
    this.searchWindow = db.prepare<[number, number], { n: number; lowest: number | null }>(
      'SELECT count(*) AS n, min(seq) AS lowest FROM (SELECT seq FROM steps WHERE seq < ? ORDER BY seq DESC LIMIT ?)',
    );
    this.searchHits = db.prepare<[number, number, string, string], { run_id: string }>(
      `SELECT run_id, max(seq) AS newest FROM steps WHERE seq >= ? AND seq < ? AND (instr(input, ?) > 0 OR instr(outputs, ?) > 0)
       GROUP BY run_id ORDER BY newest DESC`,
    );
    this.firstSeq = db.prepare<[], { seq: number }>('SELECT seq FROM steps ORDER BY seq LIMIT 1');
  }

  steps(runId: string, options: { nodeId?: string; limit: number }): Promise<StoredStep[]> {
    return this.conn.run(() => {
      const rows = options.nodeId === undefined ? this.selectSteps.all(runId, options.limit) : this.selectStepsOfNode.all(runId, options.nodeId, options.limit);
      return expandStepRows(rows, options.limit).map((row) => ({
        runId: row.run_id, nodeId: row.node_id, messageId: row.message_id, attempt: row.attempt, startedAt: row.started_at, durationMs: row.duration_ms,
        input: row.input, outputs: row.outputs, error: row.error,
      }));
    });
  }

  emissions(runId: string): Promise<NodePayload[]> {
    return this.conn.run(() => this.selectEmissions.all(runId).map((row) => ({ nodeId: row.node_id, payload: row.payload })));
  }

  outputSteps(runId: string): Promise<Array<{ nodeId: string; outputs: string }>> {
    return this.conn.run(() => this.selectOutputSteps.all(runId).map((row) => ({ nodeId: row.node_id, outputs: row.outputs })));
  }

  logs(runId: string): Promise<LogRow[]> {
    return this.conn.run(() => this.selectLogs.all(runId).map((row) => ({ nodeId: row.node_id, at: row.at, level: row.level, message: row.message, data: row.data })));
  }
  logPage(runId: string, options: LogPageQuery): Promise<Array<LogRow & { seq: number }>> {
    return this.conn.run(() => {
      const rows = (options.latest ? this.selectLogTail : this.selectLogPage).all(runId, options.afterSeq ?? 0, options.beforeSeq ?? Number.MAX_SAFE_INTEGER, options.limit);
      return rows.map((row) => ({ seq: row.seq, nodeId: row.node_id, at: row.at, level: row.level, message: row.message, data: row.data }));
    });
  }

  nodeSummaries(runId: string): Promise<NodeStepSummary[]> {
    return this.conn.run(() => {
      const byNode = new Map<string, NodeStepSummary>();
      for (const row of this.selectNodeSums.all(runId)) {
        byNode.set(row.node_id, { nodeId: row.node_id, steps: row.steps, errors: row.errors, totalMs: row.total_ms, maxMs: row.max_ms, firstAt: row.first_at, lastAt: row.last_at });
      }
      // Compact rows pack several counts-only steps each (./step-rows.ts): summed here, one row at a time.
      for (const row of this.selectCompactRows.all(runId)) {
        for (const [, , startedAt, durationMs] of compactSteps(row.compact)) {
          const sum = byNode.get(row.node_id) ?? { nodeId: row.node_id, steps: 0, errors: 0, totalMs: 0, maxMs: 0, firstAt: startedAt, lastAt: startedAt };
          byNode.set(row.node_id, {
            ...sum, steps: sum.steps + 1, totalMs: sum.totalMs + durationMs, maxMs: Math.max(sum.maxMs, durationMs),
            firstAt: Math.min(sum.firstAt, startedAt), lastAt: Math.max(sum.lastAt, startedAt),
          });
        }
      }
      // What the canvas badges need, summed in SQLite rather than by reading every trace row back.
      for (const row of this.selectPortCounts.all(runId)) {
        const sum = byNode.get(row.node_id);
        if (sum) sum.emittedByPort = { ...sum.emittedByPort, [row.port ?? 'out']: row.n };
      }
      for (const row of this.selectFailedMessages.all(runId, runId)) {
        const sum = byNode.get(row.node_id);
        if (sum) sum.failedMessages = row.n;
      }
      for (const row of this.selectDistinctMessages.all(runId, runId)) {
        const sum = byNode.get(row.node_id);
        if (sum) sum.messages = row.n;
      }
      for (const sum of byNode.values()) {
        sum.emittedByPort ??= {};
        sum.failedMessages ??= 0;
        const lastError = this.selectLastError.get(runId, sum.nodeId)?.error;
        if (lastError !== undefined) sum.lastError = lastError;
      }
      return [...byNode.values()];
    });
  }

  stepPage(runId: string, options: { nodeId?: string; afterSeq?: number; limit: number }): Promise<{ steps: StoredStep[]; lastSeq?: number }> {
    return this.conn.run(() => {
      const after = options.afterSeq ?? 0;
      const rows = options.nodeId === undefined ? this.selectPage.all(runId, after, options.limit) : this.selectPageOfNode.all(runId, options.nodeId, after, options.limit);
      const last = rows.at(-1);
      // Whole rows only: a compact row's steps stay on one page, so the cursor never splits one.
      const steps = expandStepRows(rows, Number.MAX_SAFE_INTEGER).map(toStoredStep);
      return last === undefined ? { steps } : { steps, lastSeq: last.seq };
    });
  }

  lineage(runId: string, messageId: string, limit: number): Promise<StoredStep[]> {
    // Ids derive by `/` (main/engine/ids.ts): every prefix ending before a `/` is an ancestor, and
    // descendants sort between `<id>/` and `<id>0` ('0' follows '/'), a range on steps_message. Fused
    // steps commit in no particular order, so the path is ordered by depth (the `/`s), then by commit.
    const ancestors = messageId.split('/').map((_, index, parts) => parts.slice(0, index + 1).join('/'));
    const sql = `SELECT * FROM steps WHERE run_id = ? AND compact IS NULL AND (message_id IN (${ancestors.map(() => '?').join(', ')}) OR (message_id >= ? AND message_id < ?))
                 ORDER BY length(message_id) - length(replace(message_id, '/', '')), seq LIMIT ?`;
    return this.conn.run(() => (this.conn.db.prepare(sql).all(runId, ...ancestors, `${messageId}/`, `${messageId}0`, limit) as StepDbRow[]).map(toStoredStep));
  }

  searchPayloads(text: string, options: { beforeSeq?: number; scanSteps: number }): Promise<{ runIds: string[]; scanned: number; lowestSeq?: number }> {
    return this.conn.run(() => {
      const before = options.beforeSeq ?? Number.MAX_SAFE_INTEGER;
      // The window first (seq is the rowid: a range, no scan of payloads), then the text inside it only.
      const window = this.searchWindow.get(before, Math.max(1, Math.floor(options.scanSteps)));
      if (!window || window.n === 0 || window.lowest === null) return { runIds: [], scanned: 0 };
      const runIds = this.searchHits.all(window.lowest, before, text, text).map((row) => row.run_id);
      return window.lowest > (this.firstSeq.get()?.seq ?? 0) ? { runIds, scanned: window.n, lowestSeq: window.lowest } : { runIds, scanned: window.n };
    });
  }
}

export class SqliteDeadLetters implements DeadLetterStore {
  private readonly getStatement;
  private readonly discardStatement;
  private readonly editStatement;

  constructor(private readonly conn: SqliteConnection) {
    this.getStatement = conn.db.prepare<[string], DeadLetterRow>('SELECT * FROM dead_letters WHERE id = ?');
    this.discardStatement = conn.db.prepare<[string, string]>('UPDATE dead_letters SET discarded_at = ? WHERE id = ? AND discarded_at IS NULL');
    this.editStatement = conn.db.prepare<[string, string, string]>('UPDATE dead_letters SET payload = ?, edits = ? WHERE id = ?');
  }

  get(id: string): Promise<DeadLetterRecord | undefined> {
    return this.conn.run(() => {
      const row = this.getStatement.get(id);
      return row && toDeadLetter(row);
    });
  }

  list(query: DeadLetterQuery): Promise<DeadLetterRecord[]> {
    const where = ['discarded_at IS NULL'];
    const params: Array<string | number> = [];
    if (query.runId !== undefined) {
      where.push('run_id = ?');
      params.push(query.runId);
    }
    if (query.flowId !== undefined) {
      where.push('flow_id = ?');
      params.push(query.flowId);
    }
    if (query.includeReplayed !== true) where.push('replayed_in IS NULL');
    const limit = query.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(query.limit))}`;
    const sql = `SELECT * FROM dead_letters WHERE ${where.join(' AND ')} ORDER BY created_at, rowid${limit}`;
    return this.conn.run(() => (this.conn.db.prepare(sql).all(...params) as DeadLetterRow[]).map(toDeadLetter));
  }

  discard(ids: string[]): Promise<number> {
    const at = new Date().toISOString();
    return this.conn.run(() => this.conn.db.transaction(() => {
      let count = 0;
      for (const id of ids) count += this.discardStatement.run(at, id).changes;
      return count;
    })());
  }
  page(query: DeadLetterPageQuery): Promise<DeadLetterRecord[]> {
    const { where, params } = deadLetterFilter(query);
    if (query.after) {
      where.push('(created_at < ? OR (created_at = ? AND id < ?))');
      params.push(query.after.createdAt, query.after.createdAt, query.after.id);
    }
    const sql = `SELECT * FROM dead_letters WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ?`;
    return this.conn.run(() => (this.conn.db.prepare(sql).all(...params, Math.max(0, Math.floor(query.limit))) as DeadLetterRow[]).map(toDeadLetter));
  }

  groups(query: Omit<DeadLetterPageQuery, 'after' | 'limit'>): Promise<DeadLetterGroup[]> {
    const { where, params } = deadLetterFilter(query);
    const sql = `SELECT flow_id, node_id, json_extract(error, '$.code') AS code, count(*) AS n, max(created_at) AS latest
                 FROM dead_letters WHERE ${where.join(' AND ')} GROUP BY flow_id, node_id, code ORDER BY n DESC, flow_id, node_id, code`;
    return this.conn.run(() => (this.conn.db.prepare(sql).all(...params) as Array<{ flow_id: string; node_id: string; code: string | null; n: number; latest: string }>)
      .map((row) => ({ flowId: row.flow_id, nodeId: row.node_id, errorCode: row.code ?? '', count: row.n, latestAt: row.latest })));
  }

  editPayload(id: string, payload: string, at: string): Promise<boolean> {
    return this.conn.run(() => this.conn.db.transaction(() => {
      const row = this.getStatement.get(id);
      if (!row || row.discarded_at !== null || row.replayed_in !== null) return false;
      const edits: PayloadEdit[] = [...parseEdits(row.edits), { at, previous: row.payload }];
      return this.editStatement.run(payload, JSON.stringify(edits), id).changes > 0;
    }).immediate());
  }

  edits(id: string): Promise<PayloadEdit[]> {
    return this.conn.run(() => parseEdits(this.getStatement.get(id)?.edits ?? null));
  }
}

function parseEdits(text: string | null): PayloadEdit[] {
  return text === null ? [] : (JSON.parse(text) as PayloadEdit[]);
}

/** The WHERE terms of the Dead letters view's filters (never discarded ones); values are bound. */
function deadLetterFilter(query: Omit<DeadLetterPageQuery, 'after' | 'limit'>): { where: string[]; params: string[] } {
  const where = ['discarded_at IS NULL'];
  const params: string[] = [];
  const equal = (term: string, value: string | undefined): void => {
    if (value === undefined) return;
    where.push(term);
    params.push(value);
  };
  equal('run_id = ?', query.runId);
  equal('flow_id = ?', query.flowId);
  equal('node_id = ?', query.nodeId);
  equal("json_extract(error, '$.code') = ?", query.errorCode);
  if (query.includeReplayed !== true) where.push('replayed_in IS NULL');
  return { where, params };
}

export class SqliteKeyValues implements KeyValueStore {
  private readonly getStatement;

  constructor(private readonly conn: SqliteConnection) {
    this.getStatement = conn.db.prepare<[string, string, number], { value: string }>(
      'SELECT value FROM stores WHERE store = ? AND key = ? AND (expires_at IS NULL OR expires_at > ?)',
    );
  }

  get(store: string, key: string): Promise<string | undefined> {
    return this.conn.run(() => this.getStatement.get(store, key, Date.now())?.value);
  }
}

export class SqliteIdempotencyKeys implements IdempotencyKeyStore {
  private readonly findStatement;

  constructor(private readonly conn: SqliteConnection) {
    this.findStatement = conn.db.prepare<[string, string], { message_id: string }>('SELECT message_id FROM idempotency_keys WHERE scope = ? AND key = ?');
  }

  find(scope: string, key: string): Promise<string | undefined> {
    return this.conn.run(() => this.findStatement.get(scope, key)?.message_id);
  }
}

export class SqliteScheduleFirings implements ScheduleFiringStore {
  private readonly latestStatement;

  constructor(private readonly conn: SqliteConnection) {
    this.latestStatement = conn.db.prepare<[string], { instant: number | null }>('SELECT max(instant) AS instant FROM schedule_firings WHERE scope = ?');
  }

  latest(scope: string): Promise<number | undefined> {
    return this.conn.run(() => this.latestStatement.get(scope)?.instant ?? undefined);
  }
}
