// The PostgreSQL state schema, as an ordered list of migrations (DESIGN.md §4 "Stores"): the SQLite
// schema's tables with PostgreSQL types, plus what sharing a queue between processes needs — a lease per
// message (claimed_by, lease_until) and the batch commit as one server-side function, so a commit is ONE
// round trip whatever the batch holds. Each migration runs once, in its own transaction, under an
// advisory lock (./connection.ts); never edit a shipped migration, add one.
//
// Payloads stay TEXT (the JSON text the engine produced, byte for byte: jsonb would reorder keys).
// Epoch milliseconds are BIGINT, ISO instants TEXT (they sort as the SQLite store's do). `seq` columns
// keep insertion order where SQLite had its rowid.
import { EXCLUSIVE_CLAIMS_MIGRATION } from './exclusive-claims.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * One batch commit (types.ts StepBatch) as one statement. The batch arrives as JSON arrays, every item
 * tagged with its unit's index `u`: the units' inputs are consumed first (deleted, or rescheduled for a
 * retry) where the committer still holds them; a unit whose input is gone is skipped, and nothing tagged
 * with it is written. Returns the skipped indexes. Raises PWTKO when \`p_owner\` no longer holds the run
 * (a run-level lease, checked only when `p_check_owner`): the caller reports RUN_TAKEN_OVER.
 */
const COMMIT_FUNCTION = `
CREATE FUNCTION pipewright_commit(
  p_run TEXT, p_owner TEXT, p_check_owner BOOLEAN, p_now BIGINT, p_at TEXT,
  p_units JSON, p_messages JSON, p_outputs JSON, p_emissions JSON, p_steps JSON, p_logs JSON,
  p_dead JSON, p_state JSON, p_advance JSON
) RETURNS INTEGER[] LANGUAGE plpgsql AS $fn$
DECLARE
  v_applied INTEGER[] := '{}';
  v_skipped INTEGER[];
  v_unit RECORD;
  v_owner TEXT;
  v_ingested BIGINT;
  v_fresh BOOLEAN := true;
BEGIN
  IF p_check_owner THEN
    SELECT owner INTO v_owner FROM runs WHERE id = p_run;
    IF v_owner IS DISTINCT FROM p_owner THEN
      RAISE EXCEPTION 'run % was taken over by another process', p_run USING ERRCODE = 'PWTKO';
    END IF;
  END IF;

  -- Lines of a file input (units without seq) apply only if no one handed them on meanwhile: the
  -- input's count must be exactly where this chunk started (two processes of a shared run may read
  -- the same chunk; the second finds the count moved and applies none of its lines).
  IF p_advance IS NOT NULL THEN
    SELECT i.ingested INTO v_ingested FROM run_inputs i
      WHERE i.run_id = p_advance->>'run_id' AND i.ordinal = (p_advance->>'ordinal')::INTEGER FOR UPDATE;
    v_fresh := (p_advance->>'ingested')::BIGINT - coalesce(v_ingested, 0)
      = (SELECT count(*) FROM json_to_recordset(p_units) AS x(seq BIGINT) WHERE x.seq IS NULL);
  END IF;

  -- One statement per unit, each an index lookup by seq: a join of the batch with \`messages\` would be
  -- planned from statistics that lag behind a queue that just grew (a fresh run of 100,000 messages
  -- looked empty to the planner, and a join that scans the table per unit took seconds).
  FOR v_unit IN SELECT * FROM json_to_recordset(p_units) AS x(u INTEGER, seq BIGINT, retry BOOLEAN, attempt INTEGER, available_at BIGINT, attempts_json TEXT) LOOP
    IF v_unit.seq IS NULL THEN
      IF v_fresh THEN v_applied := v_applied || v_unit.u; END IF;
    ELSIF v_unit.retry THEN
      UPDATE messages SET attempt = v_unit.attempt, available_at = v_unit.available_at, attempts_json = v_unit.attempts_json, claimed_by = NULL, lease_until = NULL
        WHERE seq = v_unit.seq AND run_id = p_run AND (claimed_by IS NULL OR claimed_by = p_owner);
      IF FOUND THEN v_applied := v_applied || v_unit.u; END IF;
    ELSE
      DELETE FROM messages WHERE seq = v_unit.seq AND run_id = p_run AND (claimed_by IS NULL OR claimed_by = p_owner);
      IF FOUND THEN v_applied := v_applied || v_unit.u; END IF;
    END IF;
  END LOOP;
  SELECT coalesce(array_agg(x.u ORDER BY x.u), '{}') INTO v_skipped
  FROM json_to_recordset(p_units) AS x(u INTEGER) WHERE NOT (x.u = ANY (v_applied));

  IF p_messages IS NOT NULL THEN
    INSERT INTO messages (id, run_id, node_id, payload, idempotency_key, attempt, available_at, attempts_json, timer)
      SELECT x.id, x.run_id, x.node_id, x.payload, x.idempotency_key, x.attempt, x.available_at, x.attempts_json, x.timer
      FROM json_to_recordset(p_messages) AS x(u INTEGER, id TEXT, run_id TEXT, node_id TEXT, payload TEXT, idempotency_key TEXT,
        attempt INTEGER, available_at BIGINT, attempts_json TEXT, timer BOOLEAN, ord BIGINT)
      WHERE NOT (x.u = ANY (v_skipped)) ORDER BY x.ord
      ON CONFLICT (id) DO NOTHING;
  END IF;
  IF p_outputs IS NOT NULL THEN
    INSERT INTO run_outputs (run_id, node_id, payload)
      SELECT p_run, x.node_id, x.payload FROM json_to_recordset(p_outputs) AS x(u INTEGER, node_id TEXT, payload TEXT, ord BIGINT)
      WHERE NOT (x.u = ANY (v_skipped)) ORDER BY x.ord;
  END IF;
  IF p_emissions IS NOT NULL THEN
    INSERT INTO emissions (run_id, node_id, payload)
      SELECT p_run, x.node_id, x.payload FROM json_to_recordset(p_emissions) AS x(u INTEGER, node_id TEXT, payload TEXT, ord BIGINT)
      WHERE NOT (x.u = ANY (v_skipped)) ORDER BY x.ord;
  END IF;
  IF p_steps IS NOT NULL THEN
    -- Steps that kept no payloads share one compact row per node between two full rows, placed before
    -- the next full row: rows keep the order the steps were committed in (as the SQLite store writes them).
    INSERT INTO steps (run_id, node_id, message_id, attempt, started_at, duration_ms, input, outputs, error, compact)
      SELECT p_run, node_id, message_id, attempt, started_at, duration_ms, input, outputs, error, compact FROM (
        SELECT s.node_id, s.message_id, s.attempt, s.started_at, s.duration_ms, s.input, s.outputs, s.error, NULL::TEXT AS compact,
               s.segment AS k1, 1 AS k2, s.ord AS k3
        FROM (SELECT x.*, count(*) FILTER (WHERE NOT x.bare) OVER (ORDER BY x.ord) - 1 AS segment
              FROM json_to_recordset(p_steps) AS x(u INTEGER, node_id TEXT, message_id TEXT, attempt INTEGER, started_at BIGINT,
                duration_ms DOUBLE PRECISION, input TEXT, outputs TEXT, error TEXT, bare BOOLEAN, ord BIGINT)
              WHERE NOT (x.u = ANY (v_skipped))) s
        WHERE NOT s.bare
        UNION ALL
        SELECT g.node_id, (array_agg(g.message_id ORDER BY g.ord))[1], (array_agg(g.attempt ORDER BY g.ord))[1], (array_agg(g.started_at ORDER BY g.ord))[1],
               (array_agg(g.duration_ms ORDER BY g.ord))[1], NULL, NULL, NULL,
               json_agg(json_build_array(g.message_id, g.attempt, g.started_at, g.duration_ms) ORDER BY g.ord)::TEXT,
               g.segment, 0, min(g.ord)
        FROM (SELECT x.*, count(*) FILTER (WHERE NOT x.bare) OVER (ORDER BY x.ord) AS segment
              FROM json_to_recordset(p_steps) AS x(u INTEGER, node_id TEXT, message_id TEXT, attempt INTEGER, started_at BIGINT,
                duration_ms DOUBLE PRECISION, input TEXT, outputs TEXT, error TEXT, bare BOOLEAN, ord BIGINT)
              WHERE NOT (x.u = ANY (v_skipped))) g
        WHERE g.bare
        GROUP BY g.segment, g.node_id
      ) rows ORDER BY k1, k2, k3;
  END IF;
  IF p_logs IS NOT NULL THEN
    INSERT INTO logs (run_id, node_id, at, level, message, data)
      SELECT p_run, x.node_id, x.at, x.level, x.message, x.data
      FROM json_to_recordset(p_logs) AS x(u INTEGER, node_id TEXT, at TEXT, level TEXT, message TEXT, data TEXT, ord BIGINT)
      WHERE NOT (x.u = ANY (v_skipped)) ORDER BY x.ord;
  END IF;
  IF p_dead IS NOT NULL THEN
    INSERT INTO dead_letters (id, run_id, flow_id, flow_version, node_id, message_id, idempotency_key, payload, error, history, attempts, created_at)
      SELECT x.id, x.run_id, x.flow_id, x.flow_version, x.node_id, x.message_id, x.idempotency_key, x.payload, x.error, x.history, x.attempts, p_at
      FROM json_to_recordset(p_dead) AS x(u INTEGER, id TEXT, run_id TEXT, flow_id TEXT, flow_version INTEGER, node_id TEXT, message_id TEXT,
        idempotency_key TEXT, payload TEXT, error TEXT, history TEXT, attempts INTEGER, ord BIGINT)
      WHERE NOT (x.u = ANY (v_skipped)) ORDER BY x.ord;
  END IF;
  IF p_state IS NOT NULL THEN
    PERFORM pipewright_put_state(p_state, v_skipped, p_at);
  END IF;
  IF p_advance IS NOT NULL AND v_fresh THEN
    UPDATE run_inputs i SET byte_offset = a.byte_offset, line = a.line, ingested = a.ingested, done = a.done
      FROM json_to_record(p_advance) AS a(run_id TEXT, ordinal INTEGER, byte_offset BIGINT, line BIGINT, ingested BIGINT, done BOOLEAN)
      WHERE i.run_id = a.run_id AND i.ordinal = a.ordinal;
  END IF;
  UPDATE runs SET processed = runs.processed + t.add_processed, dead = runs.dead + t.add_dead, stored_bytes = runs.stored_bytes + t.add_stored, heartbeat_at = p_now
    FROM (SELECT coalesce(sum(x.processed), 0) AS add_processed, coalesce(sum(x.dead), 0) AS add_dead, coalesce(sum(x.stored), 0) AS add_stored
          FROM json_to_recordset(p_units) AS x(u INTEGER, processed BIGINT, dead BIGINT, stored BIGINT) WHERE x.u = ANY (v_applied)) t
    WHERE runs.id = p_run;
  RETURN v_skipped;
END
$fn$;

-- A claim: up to p_limit ready messages of one node, oldest first, skipping rows another claim holds
-- locked, each stamped with its claimer and lease deadline by its primary key (see pipewright_commit on
-- why not a join).
CREATE FUNCTION pipewright_claim(p_run TEXT, p_node TEXT, p_owner TEXT, p_lease_until BIGINT, p_now BIGINT, p_limit INTEGER)
RETURNS SETOF messages LANGUAGE plpgsql AS $fn$
DECLARE
  v_seq BIGINT;
  v_row messages;
BEGIN
  FOR v_seq IN SELECT seq FROM messages
      WHERE run_id = p_run AND node_id = p_node AND available_at <= p_now AND (claimed_by IS NULL OR claimed_by = p_owner OR lease_until < p_now)
      ORDER BY seq LIMIT p_limit FOR UPDATE SKIP LOCKED LOOP
    UPDATE messages SET claimed_by = p_owner, lease_until = p_lease_until WHERE seq = v_seq RETURNING * INTO v_row;
    RETURN NEXT v_row;
  END LOOP;
END
$fn$;

-- Key-value writes in the order given, the last write of a key winning (a batch may write a key twice).
CREATE FUNCTION pipewright_put_state(p_state JSON, p_skipped INTEGER[], p_at TEXT) RETURNS VOID LANGUAGE plpgsql AS $fn$
BEGIN
  WITH writes AS (
    SELECT DISTINCT ON (x.store, x.key) x.store, x.key, x.value, x.expires_at
    FROM json_to_recordset(p_state) AS x(u INTEGER, store TEXT, key TEXT, value TEXT, expires_at BIGINT, ord BIGINT)
    WHERE NOT (coalesce(x.u, -1) = ANY (p_skipped))
    ORDER BY x.store, x.key, x.ord DESC
  ), removed AS (
    DELETE FROM stores s USING writes w WHERE w.value IS NULL AND s.store = w.store AND s.key = w.key
  )
  INSERT INTO stores (store, key, value, updated_at, expires_at)
    SELECT store, key, value, p_at, expires_at FROM writes WHERE value IS NOT NULL
    ON CONFLICT (store, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, expires_at = excluded.expires_at;
END
$fn$;
`;

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

      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        seq BIGSERIAL NOT NULL,
        flow_id TEXT NOT NULL,
        flow_version INTEGER NOT NULL,
        flow_path TEXT,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        owner TEXT,
        heartbeat_at BIGINT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        received BIGINT NOT NULL DEFAULT 0,
        processed BIGINT NOT NULL DEFAULT 0,
        dead BIGINT NOT NULL DEFAULT 0,
        stored_bytes BIGINT NOT NULL DEFAULT 0,
        replay_of TEXT
      );
      CREATE INDEX runs_flow ON runs (flow_id, started_at);
      CREATE INDEX runs_started ON runs (started_at, id);
      CREATE INDEX runs_status ON runs (status, started_at, id);
      CREATE INDEX runs_replay_of ON runs (replay_of) WHERE replay_of IS NOT NULL;

      CREATE TABLE run_inputs (
        run_id TEXT NOT NULL,
        ordinal INTEGER NOT NULL,
        trigger_id TEXT NOT NULL,
        file_path TEXT,
        byte_offset BIGINT NOT NULL DEFAULT 0,
        line BIGINT NOT NULL DEFAULT 0,
        total BIGINT NOT NULL DEFAULT 0,
        ingested BIGINT NOT NULL DEFAULT 0,
        done BOOLEAN NOT NULL DEFAULT false,
        file_size BIGINT,
        file_mtime_ms DOUBLE PRECISION,
        file_sha256 TEXT,
        PRIMARY KEY (run_id, ordinal)
      );

      -- Queued messages. Each claim stamps its rows with the claimer and a lease deadline; another
      -- process takes a row only once the lease ran out (FOR UPDATE SKIP LOCKED keeps concurrent claims
      -- apart), and a commit consumes a row only while the committer still holds it (or no one does).
      CREATE TABLE messages (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        run_id TEXT NOT NULL,
        node_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        attempt INTEGER NOT NULL DEFAULT 1,
        available_at BIGINT NOT NULL DEFAULT 0,
        idempotency_key TEXT,
        attempts_json TEXT,
        timer BOOLEAN NOT NULL DEFAULT false,
        claimed_by TEXT,
        lease_until BIGINT
      );
      CREATE INDEX messages_claim ON messages (run_id, node_id, seq);
      -- No index on claimed_by or lease_until: a claim then changes no indexed column, so PostgreSQL
      -- updates the row in place (a HOT update, room left by fillfactor 90) instead of adding an entry to
      -- every index per claimed message. A queue table churns (every hop inserts and deletes): vacuum
      -- it early rather than at 20 %.
      ALTER TABLE messages SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.05, fillfactor = 90);

      CREATE TABLE dead_letters (
        id TEXT PRIMARY KEY,
        seq BIGSERIAL NOT NULL,
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
        discarded_at TEXT,
        edits TEXT
      );
      CREATE INDEX dead_letters_run ON dead_letters (run_id, created_at);
      CREATE INDEX dead_letters_flow ON dead_letters (flow_id, created_at);
      CREATE INDEX dead_letters_created ON dead_letters (created_at, id);

      CREATE TABLE steps (
        seq BIGSERIAL PRIMARY KEY,
        run_id TEXT NOT NULL,
        node_id TEXT NOT NULL,
        -- Byte order: a message's descendants sort between '<id>/' and '<id>0' (lineage), whatever the locale.
        message_id TEXT COLLATE "C" NOT NULL,
        attempt INTEGER NOT NULL,
        started_at BIGINT NOT NULL,
        duration_ms DOUBLE PRECISION NOT NULL,
        input TEXT,
        outputs TEXT,
        error TEXT,
        -- Steps that kept no payloads, several per row: JSON [[message_id, attempt, started_at, duration_ms], …].
        compact TEXT
      );
      CREATE INDEX steps_run ON steps (run_id, node_id);
      CREATE INDEX steps_message ON steps (run_id, message_id);

      CREATE TABLE run_outputs (
        seq BIGSERIAL PRIMARY KEY,
        run_id TEXT NOT NULL,
        node_id TEXT NOT NULL,
        payload TEXT NOT NULL
      );
      CREATE INDEX run_outputs_run ON run_outputs (run_id);

      CREATE TABLE emissions (
        seq BIGSERIAL PRIMARY KEY,
        run_id TEXT NOT NULL,
        node_id TEXT NOT NULL,
        payload TEXT NOT NULL
      );
      CREATE INDEX emissions_run ON emissions (run_id);

      CREATE TABLE logs (
        seq BIGSERIAL PRIMARY KEY,
        run_id TEXT NOT NULL,
        node_id TEXT,
        at TEXT NOT NULL,
        level TEXT NOT NULL,
        message TEXT NOT NULL,
        data TEXT
      );
      CREATE INDEX logs_run ON logs (run_id);

      CREATE TABLE stores (
        store TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        expires_at BIGINT,
        PRIMARY KEY (store, key)
      );

      CREATE TABLE idempotency_keys (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        message_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (scope, key)
      );

      CREATE TABLE schedule_firings (
        scope TEXT NOT NULL,
        instant BIGINT NOT NULL,
        fired_at TEXT NOT NULL,
        PRIMARY KEY (scope, instant)
      );

      ${COMMIT_FUNCTION}
    `,
  },
  {
    version: 2,
    name: 'exclusive claims per run and node',
    sql: EXCLUSIVE_CLAIMS_MIGRATION,
  },
  {
    version: 3,
    name: 'enqueued time of messages',
    sql: `
      -- When a message entered its node's queue (epoch ms, the database's clock, so every process reads
      -- ages on one clock): set on insert, kept through retries and lease take-overs (runs.health's
      -- oldestMessageAgeMs). Messages queued before this migration count from the migration.
      ALTER TABLE messages ADD COLUMN enqueued_at BIGINT NOT NULL DEFAULT (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT;
    `,
  },
];

