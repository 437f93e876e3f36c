// The lock file that gives writers of credentials.json and the secrets file turns.
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withFileLock } from '../../../main/credentials/file-lock.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pipewright-lock-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('withFileLock', () => {
  it('holds the lock while the work runs and releases it after, also when the work throws', () => {
    const lock = join(dir, 'sub', 'x.lock');
    expect(withFileLock(lock, () => existsSync(lock))).toBe(true);
    expect(existsSync(lock)).toBe(false);
    expect(() => withFileLock(lock, () => { throw new Error('boom'); })).toThrow('boom');
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a lock left by a process that is gone, or one too old to be held', () => {
    const lock = join(dir, 'x.lock');
    writeFileSync(lock, '2147483646'); // no such process
    expect(withFileLock(lock, () => 'ran')).toBe('ran');
    writeFileSync(lock, String(process.pid));
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    expect(withFileLock(lock, () => 'ran again')).toBe('ran again');
  });
});
