// Opens `<workspace>/.pipewright/state.db` (SQLite, WAL) and brings its schema up to date. Driver
// failures leave this folder as the engine's codes (./errors.ts), never as SQLite's.
//
// The database holds payloads as the flows produced them (DESIGN.md §6), so it is the owner's alone:
// the folder 0700, the file 0600 (SQLite gives its -wal and -shm files the database file's mode).
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PipewrightError } from '../../../../shared/errors.js';
import { translateSqliteError } from './errors.js';
import { migrations } from './migrations.js';

export type StateDatabase = Database.Database;

export function stateDatabasePath(workspace: string): string {
  return join(workspace, '.pipewright', 'state.db');
}

export function openStateDatabase(workspace: string): StateDatabase {
  const path = stateDatabasePath(workspace);
  let db: StateDatabase | undefined;
  try {
    keepPrivate(join(workspace, '.pipewright'), path);
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a committed transaction survives a process crash; only a power cut may lose
    // the last few commits, never corrupt the database.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = OFF');
    // 16 MiB of page cache: enough for the hot end of the queue; memory stays flat however large the backlog.
    db.pragma('cache_size = -16384');
    db.pragma('temp_store = MEMORY');
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof PipewrightError) throw error;
    throw translateSqliteError(error, path, 'STATE_DB_UNAVAILABLE');
  }
}

/** Creates the folder and the file owner-only, and makes them so if an older Pipewright left them readable. */
function keepPrivate(folder: string, path: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  if (process.platform === 'win32') return;
  chmodSync(folder, 0o700);
  chmodSync(path, 0o600);
}

function migrate(db: StateDatabase): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((row) => row.version));
  const newest = Math.max(0, ...applied);
  const known = Math.max(...migrations.map((m) => m.version));
  if (newest > known) {
    throw new PipewrightError('STATE_DB_TOO_NEW', `the state database was written by a newer Pipewright (schema ${newest}, this one knows ${known}); upgrade Pipewright`);
  }
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
  }
}
