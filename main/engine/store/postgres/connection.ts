// The PostgreSQL store's connection pool (node-postgres): every statement goes through `query`, which
// turns driver failures into the engine's codes (./errors.ts); a unit of work holds one pooled client
// for its transaction. Opening migrates the schema under an advisory lock, so two processes starting
// at once against an empty database do not both create it (DESIGN.md §4 "Stores").
import pg from 'pg';
import { PipewrightError } from '../../../../shared/errors.js';
import { translatePostgresError } from './errors.js';
import { migrations } from './migrations.js';

/** The advisory lock (two int4 keys) held while migrating: "PW" and 1. */
const MIGRATION_LOCK = [0x5057, 1] as const;

export type Queryable = Pick<pg.PoolClient, 'query'>;

export interface PostgresConnectionOptions {
  /** Pooled connections per process (default 10). */
  maxConnections?: number;
  /** How long to wait for a connection before reporting STATE_DB_UNAVAILABLE (default 10 s). */
  connectTimeoutMs?: number;
}

// bigint and numeric (sum() of bigint) come back as numbers: counts, epoch ms and sequence numbers
// stay far below 2^53. Per pool, so nothing else in the process (db.query's pools) is affected.
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

export class PostgresConnection {
  private readonly pool: pg.Pool;
  /** The last time a pooled connection failed by itself (server restart, network): for health reports. */
  lastIdleError: { at: number; message: string } | undefined;
  /** Pooled clients that carry this connection's error listener (added once per client, which the pool reuses). */
  private readonly listened = new WeakSet<pg.PoolClient>();

  /** `where` names the database in messages: the URL without its password. */
  constructor(url: string, readonly where: string, options: PostgresConnectionOptions = {}) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      idleTimeoutMillis: 30_000,
      application_name: 'pipewright',
      types,
    });
    // An idle client whose server went away emits here; unhandled, it would end the process. The pool
    // drops that client and the next query opens a new connection (or reports STATE_DB_UNAVAILABLE).
    this.pool.on('error', (error) => {
      this.lastIdleError = { at: Date.now(), message: error.message };
    });
  }

  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (error) {
      throw translatePostgresError(error, this.where);
    }
  }

  /** Runs `work` in BEGIN … COMMIT on one pooled client, rolled back if it throws. */
  async transaction<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    const client = await this.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      try {
        const result = await work(translatingClient(client, this.where));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      }
    } catch (error) {
      throw translatePostgresError(error, this.where);
    } finally {
      // A client whose rollback failed may be mid-transaction: destroy it rather than hand it on.
      client.release(broken ? true : undefined);
    }
  }

  /**
   * A pooled client for several statements (a transaction, the migration lock). While it is checked
   * out the pool no longer listens to it: a server that goes away between two of its statements
   * makes it emit 'error', which unhandled would end the process (a database restart killed `serve`).
   * It is noted here; the next statement on it fails and the caller's release drops it.
   */
  async connect(): Promise<pg.PoolClient> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw translatePostgresError(error, this.where);
    }
    if (!this.listened.has(client)) {
      this.listened.add(client);
      client.on('error', (error) => {
        this.lastIdleError = { at: Date.now(), message: error.message };
      });
    }
    return client;
  }

  /** Brings the schema up to date; safe when several processes do it at once. */
  async migrate(): Promise<void> {
    const client = await this.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1, $2)', [...MIGRATION_LOCK]);
      try {
        await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
        const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version));
        const newest = Math.max(0, ...applied);
        const known = Math.max(...migrations.map((m) => m.version));
        if (newest > known) {
          throw new PipewrightError('STATE_DB_TOO_NEW', `the state database ${this.where} was written by a newer Pipewright (schema ${newest}, this one knows ${known}); upgrade Pipewright`);
        }
        for (const migration of migrations) {
          if (applied.has(migration.version)) continue;
          await client.query('BEGIN');
          try {
            await client.query(migration.sql);
            await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, new Date().toISOString()]);
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw error;
          }
        }
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, $2)', [...MIGRATION_LOCK]).catch(() => undefined);
      }
    } catch (error) {
      throw translatePostgresError(error, this.where);
    } finally {
      client.release();
    }
  }

  /** The schema versions applied, newest last (for `pipewright db migrate`). */
  async schemaVersions(): Promise<number[]> {
    return (await this.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((row) => row.version);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

function translatingClient(client: pg.PoolClient, where: string): Queryable {
  return {
    query: (async (text: string, values?: unknown[]) => {
      try {
        return await client.query(text, values);
      } catch (error) {
        throw translatePostgresError(error, where);
      }
    }) as pg.PoolClient['query'],
  };
}

/** The URL without its password, for messages and `EngineStore.description`. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'postgres://(an unparsable URL)';
  }
}
