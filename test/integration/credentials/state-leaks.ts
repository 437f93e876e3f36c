// What of a workspace's state folder must never hold a secret (DESIGN.md §6): every file but the state
// database as raw bytes (the encrypted secrets file), and inside the state database everything written
// for people to read — trace rows, logs, error texts, attempt histories — and the flow documents.
// Payload columns (queued messages, outputs, emissions, dead-letter payloads, key-value entries) hold
// the data exactly as the flow produced it, which may include what an API echoed back; that is why the
// database is the owner's alone (0600 in a 0700 folder), which this checks as well.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { leaksIn } from './auth-server.js';

const READ_FOR_PEOPLE = [
  'SELECT * FROM steps', 'SELECT * FROM logs', 'SELECT error, history FROM dead_letters', 'SELECT * FROM runs', 'SELECT * FROM flows',
] as const;

export function stateFolderLeaks(values: string[], workspace: string): string[] {
  const dir = join(workspace, '.pipewright');
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith('state.db')) continue;
    found.push(...leaksIn(values, name, readFileSync(join(dir, name)).toString('latin1')));
  }
  const db = new Database(join(dir, 'state.db'), { readonly: true, fileMustExist: true });
  try {
    for (const query of READ_FOR_PEOPLE) found.push(...leaksIn(values, `state.db: ${query}`, JSON.stringify(db.prepare(query).all())));
  } finally {
    db.close();
  }
  if (process.platform !== 'win32') {
    if ((statSync(dir).mode & 0o077) !== 0) found.push(`${dir} is readable by others (mode ${(statSync(dir).mode & 0o777).toString(8)})`);
    for (const name of readdirSync(dir).filter((file) => file.startsWith('state.db'))) {
      const mode = statSync(join(dir, name)).mode & 0o777;
      if ((mode & 0o077) !== 0) found.push(`${name} is readable by others (mode ${mode.toString(8)})`);
    }
  }
  return found;
}
