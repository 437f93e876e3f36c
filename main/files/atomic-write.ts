// One atomic file write for every layer of main/ (flow files, bundles, credential files, the server's
// token, the desktop settings, the engine's file nodes): write a temporary file in the same folder,
// flush it to disk, rename it over the target. A crash or a full disk leaves the old file or the new
// one, never half of either. Same folder, because a rename is only atomic within one file system.
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface AtomicWriteOptions {
  /**
   * The new file's exact mode (e.g. 0o600 for a secrets file). It is set on the temporary file before
   * a byte is written, so the content is never readable by others, not even for a moment. Without it,
   * 0o666 narrowed by the umask, as any new file.
   */
  mode?: number;
  /** Mode of folders created on the way (default 0o777 narrowed by the umask). */
  dirMode?: number;
}

export function writeFileAtomically(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  mkdirSync(dirname(path), { recursive: true, ...(options.dirMode === undefined ? {} : { mode: options.dirMode }) });
  // A random name, created exclusively: two writers never share a temporary file.
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'wx', options.mode ?? 0o666);
    try {
      // The umask may have narrowed the mode; a caller that names one gets exactly that.
      if (options.mode !== undefined) fchmodSync(fd, options.mode);
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
