// Hardening catalogue — the state database (issue "Hardening", DESIGN.md §4, §6). It holds payloads as
// the flows produced them, so it is the owner's alone, also when an older Pipewright left it readable;
// and a damaged or locked one is one line naming the file and what to do, not SQLite's words.
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../main/engine/index.js';
import { Workspace } from '../cli/cli-harness.js';

const mode = (path: string): number => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('the state folder and database', () => {
  const ws = new Workspace();
  afterAll(() => ws.remove());

  it('are created owner-only, and made so when they were readable by others', async () => {
    const folder = ws.path('.pipewright');
    mkdirSync(folder, { mode: 0o755 });
    chmodSync(folder, 0o755);
    writeFileSync(join(folder, 'state.db'), '');
    chmodSync(join(folder, 'state.db'), 0o644);
    const store = await openSqliteStore(ws.dir);
    await store.close();
    expect(mode(folder)).toBe(0o700);
    expect(mode(join(folder, 'state.db'))).toBe(0o600);
  });
});

describe('a damaged or locked state database', () => {
  it('is one line naming the file and how to recover', async () => {
    const ws = new Workspace();
    try {
      mkdirSync(ws.path('.pipewright'));
      writeFileSync(ws.path('.pipewright', 'state.db'), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0x5a)]));
      const result = await ws.run(['runs']);
      expect(result.code).toBe(2);
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`STATE_DB_DAMAGED the state database ${ws.path('.pipewright', 'state.db')}`);
      expect(lines[0]).toContain('restore it from a backup, or move it aside');
    } finally {
      ws.remove();
    }
  });

  it('says who holds a lock and what to do when another program keeps it', async () => {
    const ws = new Workspace();
    ws.write('flows/one.flow.json', { format: 'pipewright/flow@1', id: 'one', name: 'one', nodes: [{ id: 'in', type: 'trigger.manual', position: [0, 0], config: {} }], edges: [] });
    ws.write('in.json', { n: 1 });
    const store = await openSqliteStore(ws.dir);
    await store.close();
    const holder = new Database(ws.path('.pipewright', 'state.db'));
    try {
      holder.exec('BEGIN EXCLUSIVE');
      const result = await ws.run(['run', 'one', '--input', 'in.json']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/STATE_DB_LOCKED the state database .*state\.db is locked by another program .*wait for it to finish, or stop it, then try again/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      ws.remove();
    }
  }, 60_000);
});
