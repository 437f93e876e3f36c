// SQLite's failures in the engine's words. better-sqlite3 throws SqliteError with SQLite's result code
// (`SQLITE_BUSY`, `SQLITE_CORRUPT_…`); hosts (the desktop's locked/damaged dialogs, the CLI, the server)
// read the engine's codes instead, so a second store can report the same conditions the same way.
import { PipewrightError } from '../../../../shared/errors.js';

export function translateSqliteError(error: unknown, path: string, fallback: 'STATE_DB_UNAVAILABLE' | 'INTERNAL'): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) {
    return fallback === 'STATE_DB_UNAVAILABLE' && error instanceof Error
      ? new PipewrightError('STATE_DB_UNAVAILABLE', `cannot open the state database ${path}: ${error.message}`, { cause: error })
      : error;
  }
  const message = (error as Error).message;
  if (/^SQLITE_(BUSY|LOCKED)(_|$)/.test(code)) {
    return new PipewrightError('STATE_DB_LOCKED', `the state database ${path} is locked by another program (${message}); another Pipewright or \`pipewright serve\` on this workspace is busy with it: wait for it to finish, or stop it, then try again`, { cause: error });
  }
  if (/^SQLITE_(CORRUPT|NOTADB)(_|$)/.test(code)) {
    return new PipewrightError('STATE_DB_DAMAGED', `the state database ${path} is damaged or is not a Pipewright database (${message}); restore it from a backup, or move it aside (mv ${path} ${path}.damaged) and start again with an empty one — the runs, queued messages and dead letters in it are then gone`, { cause: error });
  }
  if (/^SQLITE_FULL(_|$)/.test(code)) {
    return new PipewrightError('STATE_DB_FULL', `the disk holding the state database ${path} is full; free some space and resume`, { cause: error });
  }
  if (/^SQLITE_(CANTOPEN|IOERR|READONLY|PERM)(_|$)/.test(code)) {
    return new PipewrightError('STATE_DB_UNAVAILABLE', `cannot use the state database ${path}: ${message}`, { cause: error });
  }
  return error;
}

/** Runs `work`, turning a SQLite failure into the engine's error. */
export function translating<T>(path: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw translateSqliteError(error, path, 'INTERNAL');
  }
}
