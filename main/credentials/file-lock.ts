// A lock file around a read-modify-write of a shared file: the designer's service and a `pipewright
// credentials` command (or two commands) may change credentials.json or the secrets file at the same
// moment, and without turns one of them would lose the other's change. The critical sections are short
// and synchronous, so waiting is a short synchronous sleep too.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { PipewrightError } from '../../shared/errors.js';

const WAIT_MS = 10_000;
/** A lock older than this is left over from a crash (no section holds it for more than a moment). */
const STALE_MS = 30_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

export function withFileLock<T>(lockPath: string, work: () => T): T {
  mkdirSync(dirname(lockPath), { recursive: true });
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(lockPath, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, String(process.pid));
      } finally {
        closeSync(fd);
      }
      try {
        return work();
      } finally {
        rmSync(lockPath, { force: true });
      }
    }
    if (isStale(lockPath)) {
      rmSync(lockPath, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new PipewrightError('FILE_LOCKED', `another Pipewright process has held ${lockPath} for over ${WAIT_MS / 1000} s: try again, or delete that file if no Pipewright is running`);
    }
    Atomics.wait(sleeper, 0, 0, 10 + Math.random() * 15);
  }
}

function isStale(lockPath: string): boolean {
  try {
    if (Date.now() - statSync(lockPath).mtimeMs > STALE_MS) return true;
    const pid = Number(readFileSync(lockPath, 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false; // being written right now
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // ESRCH: its process is gone. ENOENT: released meanwhile, try again at once.
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ESRCH' || code === 'ENOENT';
  }
}
