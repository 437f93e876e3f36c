// PostgreSQL's failures in the engine's words (DESIGN.md §4 "Stores"), as ../sqlite/errors.ts does for
// SQLite: hosts read STATE_DB_* codes, never SQLSTATEs. node-postgres reports a server error with its
// SQLSTATE in `code` and a socket failure with Node's code (ECONNREFUSED, ECONNRESET…) or a bare
// message ("Connection terminated"); every one of those means the database cannot be reached now.
import { PipewrightError } from '../../../../shared/errors.js';

/** SQLSTATE the commit function raises when the committer no longer holds the run (./migrations.ts). */
export const TAKEN_OVER_STATE = 'PWTKO';

const UNREACHABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

export function translatePostgresError(error: unknown, where: string): unknown {
  if (error instanceof PipewrightError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === TAKEN_OVER_STATE) {
    return new PipewrightError('RUN_TAKEN_OVER', `${message}; this one stops driving it`, { cause: error });
  }
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    // Serialization failures, deadlocks and lock timeouts: someone else holds what we need right now.
    if (code === '40001' || code === '40P01' || code === '55P03') {
      return new PipewrightError('STATE_DB_LOCKED', `the state database ${where} is busy (${message}); try again`, { cause: error });
    }
    if (code === '53100') {
      return new PipewrightError('STATE_DB_FULL', `the disk holding the state database ${where} is full (${message}); free some space on the database server and resume`, { cause: error });
    }
    if (code.startsWith('XX')) {
      return new PipewrightError('STATE_DB_DAMAGED', `the state database ${where} reports damage (${message}); restore it from a backup or have its administrator repair it`, { cause: error });
    }
    // Connection exceptions, shutdowns, too many connections, unknown database, refused logins.
    if (code.startsWith('08') || code.startsWith('57P') || code === '53300' || code === '3D000' || code.startsWith('28')) {
      return unavailable(where, message, error);
    }
    return error;
  }
  if ((typeof code === 'string' && UNREACHABLE_NODE_CODES.has(code)) || /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended/i.test(message)) {
    return unavailable(where, message, error);
  }
  return error;
}

function unavailable(where: string, message: string, cause: unknown): PipewrightError {
  return new PipewrightError('STATE_DB_UNAVAILABLE', `cannot use the state database ${where}: ${message}; check that PostgreSQL is running and reachable, and the URL's user, password and database`, { cause });
}

/** True for an error that says the database could not be reached (worth a retry once it is back). */
export function isUnavailable(error: unknown): boolean {
  return error instanceof PipewrightError && error.code === 'STATE_DB_UNAVAILABLE';
}
