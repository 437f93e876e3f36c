// Reading the credential files (definitions, the encrypted secrets file), where "no file yet" is an
// ordinary state rather than an error. Writing them goes through main/files/atomic-write.ts, the one
// atomic write of main/ (a secrets file gets its 0600 mode before a byte is written).
import { readFileSync } from 'node:fs';

/** The file's bytes, or undefined when there is no such file. */
export function readFileIfExists(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
