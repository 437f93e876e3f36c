// `sqlite:<path>` targets of db.query (DESIGN.md §3): a SQLite file inside the file roots (the policy
// of ./file-policy.ts applies), opened once per engine and closed with it. These are the user's
// databases, not the engine's state (that lives behind ../store/).
import Database from 'better-sqlite3';
import { NodeError } from '../errors.js';
import type { FilePolicy, SqlConnection, SqlResult } from '../types.js';

export interface SqliteConnections {
  /** `path` is what follows `sqlite:`. */
  connect(path: string): Promise<SqlConnection>;
  close(): Promise<void>;
}

export function createSqliteConnections(files: FilePolicy): SqliteConnections {
  const open = new Map<string, Promise<Database.Database>>();

  function database(path: string): Promise<Database.Database> {
    let db = open.get(path);
    if (!db) {
      db = files.resolve(path).then((checked) => {
        const handle = new Database(checked);
        handle.pragma('busy_timeout = 5000');
        return handle;
      });
      db.catch(() => open.delete(path));
      open.set(path, db);
    }
    return db;
  }

  return {
    async connect(path) {
      if (path === '') throw new NodeError('CONNECTION_UNSUPPORTED', 'the database target "sqlite:" names no file: write sqlite:<path inside the workspace>', { transient: false });
      const db = await database(path);
      return { query: async (sql, params) => runQuery(db, sql, params) };
    },
    async close() {
      const handles = await Promise.allSettled(open.values());
      open.clear();
      for (const handle of handles) if (handle.status === 'fulfilled') handle.value.close();
    },
  };
}

function runQuery(db: Database.Database, sql: string, params: ReadonlyArray<unknown>): SqlResult {
  let statement: Database.Statement;
  try {
    statement = db.prepare(sql);
  } catch (error) {
    throw new NodeError('SQL_INVALID', `the SQL does not compile: ${(error as Error).message}`, { transient: false });
  }
  const values = params.map(sqliteValue);
  try {
    if (statement.reader) return { returnsRows: true, rows: statement.all(...values) as Array<Record<string, unknown>>, changes: 0 };
    const info = statement.run(...values);
    return { returnsRows: false, rows: [], changes: info.changes, lastInsertRowid: typeof info.lastInsertRowid === 'bigint' ? String(info.lastInsertRowid) : info.lastInsertRowid };
  } catch (error) {
    // better-sqlite3 throws a RangeError when the values do not fit the placeholders.
    if (error instanceof RangeError) throw new NodeError('SQL_PARAMS', `the parameters do not fit the SQL's placeholders: ${error.message}`, { transient: false });
    const code = (error as { code?: unknown }).code;
    const busy = typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
    throw new NodeError(busy ? 'SQL_BUSY' : 'SQL_FAILED', `the database refused the statement: ${(error as Error).message}`, { transient: busy });
  }
}

/** SQLite binds numbers, strings, bigints, buffers and null: a boolean becomes 1/0, an object or array its JSON text. */
function sqliteValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'object' && !Buffer.isBuffer(value)) return JSON.stringify(value);
  return value;
}
