// A PostgreSQL connection lost while a client is checked out of the pool (a transaction waiting on the
// engine between two statements, when the database restarts): the client's 'error' is noted instead of
// ending the process — unhandled, it killed `pipewright serve --db` during a database restart — the
// transaction fails with STATE_DB_UNAVAILABLE, and the next query opens a new connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresConnection } from '../../../main/engine/store/postgres/connection.js';
import { postgresCheck, startPostgres, type PostgresCluster } from '../../support/postgres.js';

const postgres = postgresCheck();

describe.skipIf(!postgres.present)('a PostgreSQL connection lost while checked out', () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('is noted, fails its transaction, and does not end the process', async () => {
    const connection = new PostgresConnection(cluster.url(), 'the test database');
    const other = new PostgresConnection(cluster.url(), 'the test database');
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown): void => void uncaught.push(error);
    process.prependListener('uncaughtException', onUncaught);
    try {
      const outcome = connection.transaction(async (client) => {
        const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
        // Between two statements, the server ends this backend, as a restart would.
        await other.query('SELECT pg_terminate_backend($1)', [(rows[0] as { pid: number }).pid]);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await client.query('SELECT 1');
      });
      await expect(outcome).rejects.toMatchObject({ code: 'STATE_DB_UNAVAILABLE' });
      expect(uncaught).toEqual([]);
      expect(connection.lastIdleError?.message).toMatch(/terminat/i);
      const { rows } = await connection.query<{ one: number }>('SELECT 1 AS one');
      expect(rows[0]?.one).toBe(1);
    } finally {
      process.removeListener('uncaughtException', onUncaught);
      await connection.close();
      await other.close();
    }
  }, 60_000);
});
