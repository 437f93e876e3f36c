// The engine's store on PostgreSQL (DESIGN.md §4 "Stores", §8): the state of many `serve` and
// `worker` processes on many machines in one database. Same interface and guarantees as the SQLite
// store — one transaction per batch commit (one round trip), a unit of work as a real transaction on
// one pooled connection — plus per-message leases, so processes can share the queue.
import type { EngineStore, NewRun, RunInput, UnitOfWork } from '../types.js';
import { describeUrl, PostgresConnection, type PostgresConnectionOptions, type Queryable } from './connection.js';
import { enqueueOn, PostgresQueueStore, putStateOn } from './postgres-queue.js';
import { PostgresDeadLetters, PostgresFlowVersions, PostgresIdempotencyKeys, PostgresKeyValues, PostgresScheduleFirings, PostgresTraces } from './postgres-records.js';
import { PostgresRunStore } from './postgres-runs.js';
import { WORK_CHANNEL, WorkNotifications } from './work-notifications.js';

export interface PostgresStoreOptions extends PostgresConnectionOptions {
  /**
   * Several processes drive the same runs (`serve --db`, `worker`): the commit checks message leases
   * only, and a drive that stops releases its messages without ending the run (types.ts `sharedRuns`).
   * Off, the store keeps the SQLite store's run lease (the conformance suite proves both).
   */
  sharedRuns?: boolean;
}

export class PostgresStore implements EngineStore {
  readonly description: string;
  readonly sharedRuns: boolean;
  readonly flows;
  readonly runs;
  readonly queue;
  readonly traces;
  readonly deadLetters;
  readonly keyValue;
  readonly idempotencyKeys;
  readonly scheduleFirings;
  private readonly wakeUps: WorkNotifications;
  private closed = false;

  private constructor(private readonly conn: PostgresConnection, url: string, options: PostgresStoreOptions) {
    this.description = conn.where;
    this.sharedRuns = options.sharedRuns === true;
    this.flows = new PostgresFlowVersions(conn);
    this.runs = new PostgresRunStore(conn, this.sharedRuns);
    this.queue = new PostgresQueueStore(conn, () => !this.sharedRuns);
    this.traces = new PostgresTraces(conn);
    this.deadLetters = new PostgresDeadLetters(conn);
    this.keyValue = new PostgresKeyValues(conn);
    this.idempotencyKeys = new PostgresIdempotencyKeys(conn);
    this.scheduleFirings = new PostgresScheduleFirings(conn);
    this.wakeUps = new WorkNotifications(url);
  }

  /** Connects and brings the schema up to date (STATE_DB_UNAVAILABLE when the database cannot be reached). */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const conn = new PostgresConnection(url, describeUrl(url), options);
    try {
      await conn.migrate();
    } catch (error) {
      await conn.close().catch(() => undefined);
      throw error;
    }
    return new PostgresStore(conn, url, options);
  }

  /** Brings a database's schema up to date without opening a store (`pipewright db migrate`); returns the versions applied. */
  static async migrate(url: string): Promise<number[]> {
    const conn = new PostgresConnection(url, describeUrl(url), { maxConnections: 1 });
    try {
      await conn.migrate();
      return await conn.schemaVersions();
    } finally {
      await conn.close().catch(() => undefined);
    }
  }

  /** Resolves when another process queued messages (LISTEN/NOTIFY), or after `ms` at the latest. */
  waitForWork(ms: number, signal?: AbortSignal): Promise<void> {
    return this.wakeUps.wait(ms, signal);
  }

  /** Whether the database answered the last time it was asked, for health reports. */
  health(): Promise<{ ok: boolean; message?: string }> {
    return this.conn.query('SELECT 1').then(() => ({ ok: true }), (error: unknown) => ({ ok: false, message: error instanceof Error ? error.message : String(error) }));
  }

  unitOfWork<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T> {
    return this.conn.transaction((client) => work(unitOfWorkOn(client)));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.wakeUps.close();
    await this.conn.close();
  }
}

/** The writes of a unit of work, on the client holding its transaction. */
function unitOfWorkOn(client: Queryable): UnitOfWork {
  return {
    insertRun: async (run: NewRun) => {
      await client.query(
        `INSERT INTO runs (id, flow_id, flow_version, flow_path, kind, status, owner, heartbeat_at, started_at, received, replay_of)
         VALUES ($1, $2, $3, $4, $5, 'running', $6, $7, $8, $9, $10)`,
        [run.id, run.flowId, run.flowVersion, run.flowPath ?? null, run.kind, run.owner, Date.now(), new Date().toISOString(), run.received, run.replayOf ?? null],
      );
    },
    insertInputs: async (inputs: RunInput[]) => {
      if (inputs.length === 0) return;
      await client.query(
        `INSERT INTO run_inputs (run_id, ordinal, trigger_id, file_path, byte_offset, line, total, ingested, done, file_size, file_mtime_ms, file_sha256)
         SELECT * FROM json_to_recordset($1) AS x(run_id TEXT, ordinal INTEGER, trigger_id TEXT, file_path TEXT, byte_offset BIGINT, line BIGINT, total BIGINT,
           ingested BIGINT, done BOOLEAN, file_size BIGINT, file_mtime_ms DOUBLE PRECISION, file_sha256 TEXT)`,
        [JSON.stringify(inputs.map((i) => ({
          run_id: i.runId, ordinal: i.ordinal, trigger_id: i.triggerId, file_path: i.filePath, byte_offset: i.byteOffset, line: i.line, total: i.total,
          ingested: i.ingested, done: i.done, file_size: i.file?.size ?? null, file_mtime_ms: i.file?.mtimeMs ?? null, file_sha256: i.file?.sha256 ?? null,
        })))],
      );
    },
    enqueue: async (messages) => {
      const added = await enqueueOn(client, messages);
      // Delivered when the transaction commits: idle workers wake at once instead of at their next poll.
      if (added > 0) await client.query('SELECT pg_notify($1, $2)', [WORK_CHANNEL, messages[0]?.runId ?? '']);
      return added;
    },
    addReceived: async (runId: string, count: number) => {
      await client.query('UPDATE runs SET received = received + $1 WHERE id = $2', [count, runId]);
    },
    markReplayed: async (ids: string[], runId: string) => {
      await client.query('UPDATE dead_letters SET replayed_in = $1 WHERE id = ANY ($2::TEXT[])', [runId, ids]);
    },
    rememberIdempotencyKey: async (scope: string, key: string, messageId: string) => {
      // A concurrent insert of the same key (another process) makes this one wait for it, then do nothing.
      const inserted = await client.query(
        'INSERT INTO idempotency_keys (scope, key, message_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (scope, key) DO NOTHING',
        [scope, key, messageId, new Date().toISOString()],
      );
      if (inserted.rowCount) return undefined;
      const { rows } = await client.query<{ message_id: string }>('SELECT message_id FROM idempotency_keys WHERE scope = $1 AND key = $2', [scope, key]);
      return rows[0]?.message_id;
    },
    recordScheduleFiring: async (scope: string, instant: number) => {
      const { rowCount } = await client.query('INSERT INTO schedule_firings (scope, instant, fired_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [scope, instant, new Date().toISOString()]);
      return (rowCount ?? 0) > 0;
    },
    putState: (writes) => putStateOn(client, writes),
  };
}
