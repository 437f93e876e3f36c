// The engine's conformance suite on the PostgreSQL store (DESIGN.md §4 "Stores"), on a private cluster
// started for this file (test/support/postgres.ts). Without PostgreSQL it skips with a message, and
// fails under PIPEWRIGHT_REQUIRE_ALL=1.
import { afterAll, beforeAll, describe } from 'vitest';
import { postgresHarness } from '../../fixtures/engine/stores.js';
import { postgresCheck, startPostgres, type PostgresCluster } from '../../support/postgres.js';
import { runConformance } from './conformance/index.js';

const postgres = postgresCheck();

describe.skipIf(!postgres.present)('PostgreSQL store', () => {
  let cluster: PostgresCluster | undefined;
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 120_000);
  afterAll(() => cluster?.stop());

  const started = (): PostgresCluster => {
    if (!cluster) throw new Error('the PostgreSQL cluster did not start');
    return cluster;
  };
  runConformance(postgresHarness(started));
  // Opened for scale-out (serve --db, worker): message leases only, no run lease.
  runConformance(postgresHarness(started, { sharedRuns: true }));
});
