// Database connections for db.query (DESIGN.md §3): `sqlite:<path>` opens a SQLite file inside the
// file roots (the policy of ./file-policy.ts applies), once per engine, closed with it. These are the
// user's databases, not the engine's state (that lives behind ../store/). PostgreSQL targets through a
// credential come with the PostgreSQL work; until then they are refused with a clear message.
import Database from 'better-sqlite3';
import { NodeError } from '../errors.js';
import type { ConnectionProvider, FilePolicy, SqlConnection, SqlResult } from '../types.js';

export function createConnectionProvider(files: FilePolicy): ConnectionProvider {
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
    async sql(target: string): Promise<SqlConnection> {
      if (!target.startsWith('sqlite:')) {
        throw new NodeError('CONNECTION_UNSUPPORTED', `database target "${target}" is not supported here: use sqlite:<path> inside the workspace`, { transient: false });
      }
      const db = await database(target.slice('sqlite:'.length));
      return { query: async (sql, params) => runQuery(db, sql, params) };
    },
    async close(): Promise<void> {
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
  try {
    if (statement.reader) return { rows: statement.all(...params) as Array<Record<string, unknown>>, changes: 0 };
    const info = statement.run(...params);
    return { rows: [], changes: info.changes, lastInsertRowid: typeof info.lastInsertRowid === 'bigint' ? String(info.lastInsertRowid) : info.lastInsertRowid };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const busy = typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
    throw new NodeError(busy ? 'SQL_BUSY' : 'SQL_FAILED', `the database refused the statement: ${(error as Error).message}`, { transient: busy });
  }
}
