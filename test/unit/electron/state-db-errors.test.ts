import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { PipewrightError } from '../../../shared/errors.js';
import { openStateDatabase, stateDatabasePath } from '../../../main/engine/store/sqlite/database.js';
import { classifyStateDbError, serviceErrorData, startupDialog, STATE_DB_DAMAGED, STATE_DB_LOCKED } from '../../../main/electron/state-db-errors.js';

const base = mkdtempSync(join(tmpdir(), 'pw-state-db-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function workspaceWithStateFile(name: string, content: Buffer | string): string {
  const workspace = join(base, name);
  mkdirSync(join(workspace, '.pipewright'), { recursive: true });
  writeFileSync(stateDatabasePath(workspace), content);
  return workspace;
}

function openError(workspace: string): unknown {
  try {
    openStateDatabase(workspace).close();
  } catch (error) {
    return error;
  }
  throw new Error('the state database opened');
}

describe('state database errors', () => {
  it('a file that is not a database counts as damaged', () => {
    const workspace = workspaceWithStateFile('not-a-db', 'this is not SQLite '.repeat(200));
    const error = openError(workspace);
    // The store speaks the engine's code; SQLite's own stays as the cause.
    expect((error as { code?: string }).code).toBe(STATE_DB_DAMAGED);
    expect(((error as { cause?: { code?: string } }).cause)?.code).toBe('SQLITE_NOTADB');
    expect(classifyStateDbError(error)).toBe('damaged');
    expect(serviceErrorData(error, workspace)).toMatchObject({ code: STATE_DB_DAMAGED });
  });

  it('a database with a valid header and garbage pages counts as damaged', () => {
    const source = join(base, 'source.db');
    const db = new Database(source);
    db.exec('CREATE TABLE t (x TEXT)');
    for (let i = 0; i < 100; i += 1) db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(1000));
    db.close();
    const bytes = new Database(source).serialize();
    for (let i = 100; i < bytes.length; i += 1) bytes[i] = (i * 7) & 0xff;
    const error = openError(workspaceWithStateFile('corrupt', Buffer.from(bytes)));
    expect((error as { code?: string }).code).toBe(STATE_DB_DAMAGED);
    expect(['SQLITE_CORRUPT', 'SQLITE_NOTADB']).toContain(((error as { cause?: { code?: string } }).cause)?.code);
    expect(classifyStateDbError(error)).toBe('damaged');
  });

  it('a database another connection holds locked (as another Pipewright would) counts as locked, after the engine\'s busy timeout', () => {
    const workspace = join(base, 'locked');
    mkdirSync(workspace);
    openStateDatabase(workspace).close();
    const holder = new Database(stateDatabasePath(workspace));
    try {
      holder.pragma('locking_mode = EXCLUSIVE');
      holder.exec('BEGIN EXCLUSIVE');
      const error = openError(workspace);
      expect((error as { code?: string }).code).toBe(STATE_DB_LOCKED);
      expect(((error as { cause?: { code?: string } }).cause)?.code).toBe('SQLITE_BUSY');
      expect(serviceErrorData(error, workspace)).toMatchObject({ code: STATE_DB_LOCKED });
    } finally {
      holder.close();
    }
  }, 20_000);

  it('reads the engine\'s codes, also when another error wraps them, and never a driver\'s own', () => {
    const wrapped = new PipewrightError('WORKSPACE_NOT_FOUND', 'cannot start', { cause: new PipewrightError(STATE_DB_LOCKED, 'locked') });
    expect(classifyStateDbError(wrapped)).toBe('locked');
    expect(classifyStateDbError(new PipewrightError(STATE_DB_DAMAGED, 'damaged'))).toBe('damaged');
    expect(classifyStateDbError(Object.assign(new Error('x'), { code: 'SQLITE_CORRUPT_INDEX' }))).toBeUndefined();
    expect(classifyStateDbError(new PipewrightError('FLOW_NOT_FOUND', 'x'))).toBeUndefined();
    expect(serviceErrorData(new PipewrightError('FLOW_NOT_FOUND', 'no flow x'), '/w')).toEqual({ code: 'FLOW_NOT_FOUND', message: 'no flow x' });
  });

  it('tells the user what to do in each case', () => {
    const locked = startupDialog({ code: STATE_DB_LOCKED, message: 'locked' }, '/home/ada/shop');
    expect(locked.message).toMatch(/in use by another Pipewright/);
    expect(locked.detail).toContain('pipewright serve');
    expect(locked.detail).toContain('/home/ada/shop/.pipewright/state.db');
    const damaged = startupDialog({ code: STATE_DB_DAMAGED, message: 'damaged' }, '/home/ada/shop');
    expect(damaged.detail).toMatch(/flows .* are not affected/);
    const other = startupDialog({ code: 'WORKSPACE_NOT_FOUND', message: 'workspace folder not found: /x' }, '/x');
    expect(other.detail).toContain('WORKSPACE_NOT_FOUND');
  });
});
