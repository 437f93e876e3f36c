// main/files/atomic-write.ts: a write leaves the old file or the new one, never half of either, and
// never a temporary file behind; a named mode is exact from the start.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../../main/files/atomic-write.js';

const dirs: string[] = [];
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-atomic-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomically', () => {
  it('replaces the file with the new content and leaves no temporary file', () => {
    const dir = folder();
    const file = join(dir, 'a.json');
    writeFileSync(file, 'old');
    writeFileAtomically(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('creates missing folders on the way', () => {
    const file = join(folder(), 'deep', 'er', 'b.json');
    writeFileAtomically(file, new Uint8Array([104, 105]));
    expect(readFileSync(file, 'utf8')).toBe('hi');
  });

  it('leaves what was there, and no temporary file, when the write fails', () => {
    // The rename fails when the target is a folder that is not empty: the one failure that root, too, meets.
    const dir = folder();
    const target = join(dir, 'c.json');
    mkdirSync(target);
    writeFileSync(join(target, 'keep'), 'old');
    expect(() => writeFileAtomically(target, 'new')).toThrow();
    expect(readFileSync(join(target, 'keep'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['c.json']);
  });

  it('gives the file exactly the mode asked for, whatever the umask', () => {
    const file = join(folder(), 'secret.json');
    writeFileAtomically(file, '{}', { mode: 0o600 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileAtomically(file, '{}', { mode: 0o640 });
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });
});
