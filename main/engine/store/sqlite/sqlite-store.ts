// The engine's store on SQLite (`<workspace>/.pipewright/state.db`): the default for the desktop and
// for a server on one machine. Every part keeps its synchronous better-sqlite3 statements prepared
// once; the asynchronous interface (../types.ts) costs one resolved promise per call.
import type { EngineStore, NewMessage, NewRun, RunInput, StateWrite, UnitOfWork } from '../types.js';
import { SqliteConnection } from './connection.js';
import { openStateDatabase, stateDatabasePath } from './database.js';
import { SqliteQueueStore } from './sqlite-queue.js';
import { SqliteDeadLetters, SqliteFlowVersions, SqliteIdempotencyKeys, SqliteKeyValues, SqliteScheduleFirings, SqliteTraces } from './sqlite-records.js';
import { SqliteRunStore } from './sqlite-runs.js';

export class SqliteStore implements EngineStore {
  readonly description: string;
  readonly flows;
  readonly runs;
  readonly queue;
  readonly traces;
  readonly deadLetters;
  readonly keyValue;
  readonly idempotencyKeys;
  readonly scheduleFirings;
  private readonly conn: SqliteConnection;
  private readonly tx: UnitOfWork;
  private closed = false;

  constructor(workspace: string) {
    this.description = stateDatabasePath(workspace);
    this.conn = new SqliteConnection(openStateDatabase(workspace), this.description);
    this.flows = new SqliteFlowVersions(this.conn);
    this.runs = new SqliteRunStore(this.conn);
    const queue = new SqliteQueueStore(this.conn);
    this.queue = queue;
    this.traces = new SqliteTraces(this.conn);
    this.deadLetters = new SqliteDeadLetters(this.conn);
    this.keyValue = new SqliteKeyValues(this.conn);
    this.idempotencyKeys = new SqliteIdempotencyKeys(this.conn);
    this.scheduleFirings = new SqliteScheduleFirings(this.conn);
    this.tx = unitOfWorkOn(this.conn, queue);
  }

  unitOfWork<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T> {
    return this.conn.unit(() => work(this.tx));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.conn.run(() => this.conn.db.close());
  }
}

/** The writes of a unit of work: run straight on the handle, inside the unit's transaction. */
function unitOfWorkOn(conn: SqliteConnection, queue: SqliteQueueStore): UnitOfWork {
  const { db } = conn;
  const insertRun = db.prepare(
    `INSERT INTO runs (id, flow_id, flow_version, flow_path, kind, status, owner, heartbeat_at, started_at, received, replay_of)
     VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?)`,
  );
  const insertInput = db.prepare(
    `INSERT INTO run_inputs (run_id, ordinal, trigger_id, file_path, byte_offset, line, total, ingested, done, file_size, file_mtime_ms, file_sha256)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const addReceived = db.prepare<[number, string]>('UPDATE runs SET received = received + ? WHERE id = ?');
  const markReplayed = db.prepare<[string, string]>('UPDATE dead_letters SET replayed_in = ? WHERE id = ?');
  const findKey = db.prepare<[string, string], { message_id: string }>('SELECT message_id FROM idempotency_keys WHERE scope = ? AND key = ?');
  const insertKey = db.prepare<[string, string, string, string]>('INSERT INTO idempotency_keys (scope, key, message_id, created_at) VALUES (?, ?, ?, ?)');
  const insertFiring = db.prepare<[string, number, string]>('INSERT OR IGNORE INTO schedule_firings (scope, instant, fired_at) VALUES (?, ?, ?)');
  return {
    insertRun: async (run: NewRun) => conn.now(() => {
      insertRun.run(run.id, run.flowId, run.flowVersion, run.flowPath ?? null, run.kind, run.owner, Date.now(), new Date().toISOString(), run.received, run.replayOf ?? null);
    }),
    insertInputs: async (inputs: RunInput[]) => conn.now(() => {
      for (const i of inputs) insertInput.run(i.runId, i.ordinal, i.triggerId, i.filePath, i.byteOffset, i.line, i.total, i.ingested, i.done ? 1 : 0, i.file?.size ?? null, i.file?.mtimeMs ?? null, i.file?.sha256 ?? null);
    }),
    enqueue: async (messages: NewMessage[]) => conn.now(() => {
      let added = 0;
      for (const message of messages) if (queue.enqueueNow(message)) added += 1;
      return added;
    }),
    addReceived: async (runId: string, count: number) => conn.now(() => {
      addReceived.run(count, runId);
    }),
    markReplayed: async (ids: string[], runId: string) => conn.now(() => {
      for (const id of ids) markReplayed.run(runId, id);
    }),
    rememberIdempotencyKey: async (scope: string, key: string, messageId: string) => conn.now(() => {
      const known = findKey.get(scope, key)?.message_id;
      if (known === undefined) insertKey.run(scope, key, messageId, new Date().toISOString());
      return known;
    }),
    recordScheduleFiring: async (scope: string, instant: number) => conn.now(() => insertFiring.run(scope, instant, new Date().toISOString()).changes > 0),
    putState: async (writes: StateWrite[]) => conn.now(() => queue.putStateNow(writes)),
  };
}
