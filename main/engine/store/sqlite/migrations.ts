// The SQLite state database's schema, as an ordered list of migrations (DESIGN.md §4). Each entry runs once,
// in one transaction, and is recorded in `schema_migrations`; never edit a shipped migration, add one.
//
// Payloads are JSON text. Messages that finished a step are deleted in the same transaction that
// inserts their outputs (the step's trace row is the history), so the claim index only ever holds
// live work and stays small whatever the run's size.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE flows (
        flow_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        hash TEXT NOT NULL,
        document TEXT NOT NULL,
        path TEXT,
        created_at TEXT NOT NULL,
        PRIMARY KEY (flow_id, version)
      );
      CREATE INDEX flows_hash ON flows (flow_id, hash);

      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        flow_id TEXT NOT NULL,
        flow_version INTEGER NOT NULL,
        flow_path TEXT,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        owner TEXT,
        heartbeat_at INTEGER,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        received INTEGER NOT NULL DEFAULT 0,
        processed INTEGER NOT NULL DEFAULT 0,
        dead INTEGER NOT NULL DEFAULT 0,
        stored_bytes INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX runs_flow ON runs (flow_id, started_at);

      -- One row per trigger input of a run; JSONL files are ingested in chunks and \`offset\` records
      -- how far, in the same transaction as the chunk's messages, so a resume continues exactly there.
      CREATE TABLE run_inputs (
        run_id TEXT NOT NULL,
        ordinal INTEGER NOT NULL,
        trigger_id TEXT NOT NULL,
        file_path TEXT,
        byte_offset INTEGER NOT NULL DEFAULT 0,
        line INTEGER NOT NULL DEFAULT 0,
        total INTEGER NOT NULL DEFAULT 0,
        ingested INTEGER NOT NULL DEFAULT 0,
        done INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (run_id, ordinal)
      );

      -- Queued messages. A run's messages are leased as a whole to the run's owner (runs.owner, kept
      -- alive by runs.heartbeat_at): claiming a batch is then a read, not a write per message, and the
      -- commit transaction checks the owner before it moves anything.
      CREATE TABLE messages (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        run_id TEXT NOT NULL,
        node_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        attempt INTEGER NOT NULL DEFAULT 1,
        available_at INTEGER NOT NULL DEFAULT 0,
        idempotency_key TEXT,
        attempts_json TEXT
      );
      CREATE INDEX messages_claim ON messages (run_id, node_id, seq);

      CREATE TABLE dead_letters (
        id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL,
        flow_id TEXT NOT NULL,
        flow_version INTEGER NOT NULL,
        node_id TEXT NOT NULL,
        message_id TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        payload TEXT NOT NULL,
        error TEXT NOT NULL,
        history TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        replayed_in TEXT,
        discarded_at TEXT
      );
      CREATE INDEX dead_letters_run ON dead_letters (run_id, created_at);
      CREATE INDEX dead_letters_flow ON dead_letters (flow_id, created_at);

      CREATE TABLE steps (
        seq INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL,
        node_id TEXT NOT NULL,
        message_id TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        duration_ms REAL NOT NULL,
        input TEXT,
        outputs TEXT,
        error TEXT,
        -- Steps that kept no payloads (trace mode errors/sampled), several per row:
        -- JSON [[message_id, attempt, started_at, duration_ms], …]; the row's own columns repeat the first.
        compact TEXT
      );
      CREATE INDEX steps_run ON steps (run_id, node_id);

      CREATE TABLE run_outputs (
        seq INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL,
        node_id TEXT NOT NULL,
        payload TEXT NOT NULL
      );
      CREATE INDEX run_outputs_run ON run_outputs (run_id);

      -- Uncapped emitted payloads of test runs, compared by \`pipewright test\`.
      CREATE TABLE emissions (
        seq INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL,
        node_id TEXT NOT NULL,
        payload TEXT NOT NULL
      );
      CREATE INDEX emissions_run ON emissions (run_id);

      CREATE TABLE logs (
        seq INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL,
        node_id TEXT,
        at TEXT NOT NULL,
        level TEXT NOT NULL,
        message TEXT NOT NULL,
        data TEXT
      );
      CREATE INDEX logs_run ON logs (run_id);

      -- Named key-value stores for store.get / store.put (DESIGN.md §3).
      CREATE TABLE stores (
        store TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (store, key)
      );
    `,
  },
  {
    version: 2,
    name: 'live flows and node capabilities',
    sql: `
      -- A replay links to the run whose dead letters it replays.
      ALTER TABLE runs ADD COLUMN replay_of TEXT;
      -- A timer a node set for itself (ctx.timers): handed to its onTimer instead of execute.
      ALTER TABLE messages ADD COLUMN timer INTEGER NOT NULL DEFAULT 0;
      -- A key-value entry written with a time to live (store.put ttlMs) reads as absent after it.
      ALTER TABLE stores ADD COLUMN expires_at INTEGER;

      -- Idempotency-Key → the message a trigger queued for it, written in the transaction that queues it.
      CREATE TABLE idempotency_keys (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        message_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (scope, key)
      );

      -- Each instant a schedule trigger fired: the row is the lock that makes it fire once.
      CREATE TABLE schedule_firings (
        scope TEXT NOT NULL,
        instant INTEGER NOT NULL,
        fired_at TEXT NOT NULL,
        PRIMARY KEY (scope, instant)
      );
    `,
  },
  {
    version: 3,
    name: 'input file fingerprint',
    sql: `
      -- What a JSON-lines input file was when its run started: a resume refuses a file that changed.
      ALTER TABLE run_inputs ADD COLUMN file_size INTEGER;
      ALTER TABLE run_inputs ADD COLUMN file_mtime_ms REAL;
      ALTER TABLE run_inputs ADD COLUMN file_sha256 TEXT;
    `,
  },
  {
    version: 4,
    name: 'operations views',
    sql: `
      -- The Runs view pages newest first over every run, or over one status, with a keyset on
      -- (started_at, id); replays are found from the run they replay (DESIGN.md §4 "Replay").
      CREATE INDEX runs_started ON runs (started_at, id);
      CREATE INDEX runs_status ON runs (status, started_at, id);
      CREATE INDEX runs_replay_of ON runs (replay_of) WHERE replay_of IS NOT NULL;
      -- A message's path through a run: its steps and those of its ancestors and descendants.
      CREATE INDEX steps_message ON steps (run_id, message_id);
      -- The Dead letters view pages newest first.
      CREATE INDEX dead_letters_created ON dead_letters (created_at, id);
      -- Payloads a dead letter had before it was edited for a replay: JSON [{ at, previous }, …].
      ALTER TABLE dead_letters ADD COLUMN edits TEXT;
    `,
  },
  {
    version: 5,
    name: 'enqueued time of messages',
    sql: `
      -- When a message entered its node's queue (epoch ms): set on insert, kept through retries
      -- (runs.health's oldestMessageAgeMs). Messages queued before this migration count from it.
      ALTER TABLE messages ADD COLUMN enqueued_at INTEGER NOT NULL DEFAULT 0;
      UPDATE messages SET enqueued_at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER);
    `,
  },
];
