// Exclusive claims on PostgreSQL (docs/scale-out.md "Stateful steps"): the messages of a node whose
// steps read and write state (an aggregate's windows, store.get → store.put) are worked by one process
// at a time per run. The claim takes a lease on the (run, key) pair in `exclusive_claims` before it
// takes any message; the commit applies only while its committer still holds that lease and ends it.
// A process that lost the lease (it ran out and another took it) has every unit of its commit skipped:
// its messages stay queued and are worked again by the new holder, on the state as committed.
//
// Both functions wrap the plain ones (./migrations.ts, version 1), so a claim or commit that needs no
// exclusivity costs exactly what it did.

/** Migration 2: the lease table and the two wrapping functions. */
export const EXCLUSIVE_CLAIMS_MIGRATION = `
  -- At most one live lease per (run, key): the key names the nodes whose state the claimed batch may
  -- touch (main/engine/node-state.ts exclusiveClaimKeys). A row lives from a claim to its commit.
  CREATE TABLE exclusive_claims (
    run_id TEXT NOT NULL,
    claim_key TEXT NOT NULL,
    owner TEXT NOT NULL,
    lease_until BIGINT NOT NULL,
    PRIMARY KEY (run_id, claim_key)
  );

  -- Takes (or renews) the lease, then claims as pipewright_claim does. A lease held by someone else
  -- and still running returns nothing; a claim that found no message lets the lease go again at once.
  -- Two claimers racing for the same key serialise on the row: the second sees the first's lease.
  CREATE FUNCTION pipewright_claim_exclusive(p_run TEXT, p_node TEXT, p_owner TEXT, p_lease_until BIGINT, p_now BIGINT, p_limit INTEGER, p_key TEXT)
  RETURNS SETOF messages LANGUAGE plpgsql AS $fn$
  DECLARE
    v_found BOOLEAN := false;
    v_row messages;
  BEGIN
    INSERT INTO exclusive_claims AS c (run_id, claim_key, owner, lease_until) VALUES (p_run, p_key, p_owner, p_lease_until)
      ON CONFLICT (run_id, claim_key) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
      WHERE c.owner = excluded.owner OR c.lease_until < p_now;
    IF NOT FOUND THEN RETURN; END IF;
    FOR v_row IN SELECT * FROM pipewright_claim(p_run, p_node, p_owner, p_lease_until, p_now, p_limit) LOOP
      v_found := true;
      RETURN NEXT v_row;
    END LOOP;
    IF NOT v_found THEN
      DELETE FROM exclusive_claims WHERE run_id = p_run AND claim_key = p_key AND owner = p_owner;
    END IF;
  END
  $fn$;

  -- Commits as pipewright_commit does while p_owner holds the lease on (p_run, p_key), and ends the
  -- lease in the same transaction. Without the lease nothing is applied: every unit comes back skipped.
  -- An expired lease nobody took is still good: no one else can have claimed under it.
  CREATE FUNCTION pipewright_commit_exclusive(
    p_key TEXT, p_run TEXT, p_owner TEXT, p_check_owner BOOLEAN, p_now BIGINT, p_at TEXT,
    p_units JSON, p_messages JSON, p_outputs JSON, p_emissions JSON, p_steps JSON, p_logs JSON,
    p_dead JSON, p_state JSON, p_advance JSON
  ) RETURNS INTEGER[] LANGUAGE plpgsql AS $fn$
  BEGIN
    DELETE FROM exclusive_claims WHERE run_id = p_run AND claim_key = p_key AND owner = p_owner;
    IF NOT FOUND THEN
      RETURN (SELECT coalesce(array_agg(x.u ORDER BY x.u), '{}') FROM json_to_recordset(p_units) AS x(u INTEGER));
    END IF;
    RETURN pipewright_commit(p_run, p_owner, p_check_owner, p_now, p_at, p_units, p_messages, p_outputs, p_emissions, p_steps, p_logs, p_dead, p_state, p_advance);
  END
  $fn$;
`;
