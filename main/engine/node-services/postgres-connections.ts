// PostgreSQL targets of db.query (DESIGN.md §3, §6): the target is the name of a `postgres` credential,
// whose host, port, database and user are in the workspace and whose password is the secret, taken
// from the CredentialProvider (which registers it with the redactor). One pg Pool per credential per
// engine, ended with the engine. Errors are classified here: a connection that failed, broke or was
// refused for load, a serialization failure or a deadlock is transient (the engine retries); a bad
// login, bad SQL or a constraint violation is permanent (dead-lettered with the server's words).
import type pg from 'pg';
import { isPipewrightError } from '../../../shared/errors.js';
import type { CredentialProvider, DatabaseLogin } from '../../credentials/types.js';
import { NodeError } from '../errors.js';
import type { SqlConnection, SqlResult } from '../types.js';

export interface PostgresConnections {
  connect(credential: string): Promise<SqlConnection>;
  close(): Promise<void>;
}

/** Connections a pool keeps per credential; a flow's concurrency above this waits for a free one. */
const POOL_SIZE = 10;
const CONNECT_TIMEOUT_MS = 10_000;

export function createPostgresConnections(credentials: CredentialProvider | undefined): PostgresConnections {
  const pools = new Map<string, Promise<pg.Pool>>();

  async function openPool(name: string): Promise<pg.Pool> {
    if (!credentials?.database) {
      throw new NodeError('CREDENTIALS_UNAVAILABLE', `database "${name}" is a credential, but this engine was opened without access to credentials; run the flow with \`pipewright run\`, \`pipewright serve\` or the desktop app`, { transient: false });
    }
    let login: DatabaseLogin;
    try {
      login = await credentials.database(name);
    } catch (error) {
      if (isPipewrightError(error)) throw new NodeError(error.code, error.message, { transient: false, cause: error });
      throw new NodeError('CREDENTIAL_UNAVAILABLE', `credential "${name}" could not be loaded: ${error instanceof Error ? error.message : String(error)}`, { transient: false, cause: error });
    }
    // Loaded on first use: pg costs ~0.1 s and ~13 MB at start-up, and most flows never reach PostgreSQL.
    const { default: postgres } = await import('pg');
    const pool = new postgres.Pool({
      host: login.host,
      port: login.port,
      database: login.database,
      user: login.user,
      password: login.password,
      ssl: login.ssl === 'disable' ? false : { rejectUnauthorized: login.ssl === 'verify' },
      max: POOL_SIZE,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
      application_name: 'pipewright',
    });
    // An idle connection the server drops must not crash the process; the next query opens another.
    pool.on('error', () => undefined);
    return pool;
  }

  return {
    async connect(name) {
      let pool = pools.get(name);
      if (!pool) {
        pool = openPool(name);
        // A credential that could not be loaded is not kept: fix it, then replay.
        pool.catch(() => pools.delete(name));
        pools.set(name, pool);
      }
      const opened = await pool;
      return { query: (sql, params) => runQuery(opened, name, sql, params) };
    },
    async close() {
      const opened = await Promise.allSettled(pools.values());
      pools.clear();
      await Promise.all(opened.map((pool) => (pool.status === 'fulfilled' ? pool.value.end().catch(() => undefined) : undefined)));
    },
  };
}

async function runQuery(pool: pg.Pool, credential: string, sql: string, params: ReadonlyArray<unknown>): Promise<SqlResult> {
  let result: pg.QueryResult;
  try {
    result = await pool.query(sql, params.map((value) => value ?? null));
  } catch (error) {
    throw classify(error, credential);
  }
  const returnsRows = result.fields.length > 0;
  return { returnsRows, rows: result.rows as Array<Record<string, unknown>>, changes: result.rowCount ?? 0 };
}

/** SQLSTATEs worth retrying: the same statement may well succeed a moment later. */
const TRANSIENT_STATES: Record<string, string> = {
  '40001': 'serialization failure',
  '40P01': 'deadlock detected',
  '53300': 'too many connections',
  '57P01': 'the server is shutting down',
  '57P02': 'the server crashed',
  '57P03': 'the server is starting up',
};
const TRANSIENT_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

function classify(error: unknown, credential: string): NodeError {
  const message = error instanceof Error ? error.message : String(error);
  const { code, constraint, detail } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; constraint?: unknown; detail?: unknown };
  const state = typeof code === 'string' ? code : '';
  const where = `PostgreSQL (credential "${credential}")`;
  // 08P01 is a protocol violation, which is how the server answers a wrong number of parameters.
  if (state === '08P01' || /bind message supplies|could not determine data type of parameter/.test(message)) {
    return new NodeError('SQL_PARAMS', `${where}: the parameters do not fit the SQL's placeholders: ${message}`, { transient: false, cause: error });
  }
  if (state in TRANSIENT_STATES || state.startsWith('08')) {
    return new NodeError('SQL_CONNECTION', `${where}: ${TRANSIENT_STATES[state] ?? 'connection failure'} (${state}): ${message}; will retry`, { transient: true, cause: error });
  }
  if (TRANSIENT_SOCKET.has(state) || /Connection terminated|timeout exceeded when trying to connect/i.test(message)) {
    return new NodeError('SQL_CONNECTION', `${where} could not be reached: ${message}; will retry`, { transient: true, cause: error });
  }
  if (state === '28P01' || state === '28000' || state === '3D000' || state === 'ENOTFOUND') {
    return new NodeError('SQL_CONNECTION', `${where} refused the login: ${message}; check the credential's host, database, user and password`, { transient: false, cause: error });
  }
  if (state.startsWith('42')) return new NodeError('SQL_INVALID', `${where} rejects the SQL (${state}): ${message}`, { transient: false, cause: error });
  const violated = typeof constraint === 'string' ? ` (constraint ${constraint})` : '';
  const explained = typeof detail === 'string' ? ` — ${detail}` : '';
  return new NodeError('SQL_FAILED', `${where} refused the statement${state ? ` (${state})` : ''}: ${message}${violated}${explained}`, { transient: false, cause: error });
}
