// A JSON-lines input file is the trigger's queue (DESIGN.md §4 "Input"): the run records how far it
// read as a byte offset. That offset means something only in the file the run started with, so the run
// also records the file's fingerprint — size, modification time and a SHA-256 of its content, hashed
// from the same bytes validation read — and a resume compares the file against it before reading on.
// A regenerated file would otherwise mix old and new lines (and split a line at the old offset).
import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { PipewrightError } from '../../shared/errors.js';
import type { InputFileFingerprint, RunInput } from './store/types.js';
import type { CheckedJsonLines } from './types.js';

const HASH_CHUNK = 1 << 20;

/** Hashes the bytes of a file as they are read, and checks the file did not change meanwhile. */
export class FingerprintReader {
  private readonly hash: Hash = createHash('sha256');
  private readonly before: { size: number; mtimeMs: number };

  constructor(private readonly path: string) {
    this.before = statOf(path);
  }

  readonly observe = (bytes: Buffer): void => {
    this.hash.update(bytes);
  };

  finish(): InputFileFingerprint {
    const after = statOf(this.path);
    if (after.size !== this.before.size || after.mtimeMs !== this.before.mtimeMs) {
      throw new PipewrightError('INPUT_CHANGED', `${this.path} changed while it was being read; start the run again once the file is complete`, { location: { file: this.path } });
    }
    return { size: after.size, mtimeMs: after.mtimeMs, sha256: this.hash.digest('hex') };
  }
}

/**
 * Throws INPUT_CHANGED when a run's input file is no longer the file the run started with. Size and
 * modification time are compared always (a stat); the content hash once the run has read from the file,
 * since only then could old and new lines mix.
 */
export function checkInputFile(input: RunInput): void {
  if (input.filePath === null || !input.file) return;
  const path = input.filePath;
  const expected = input.file;
  let now: { size: number; mtimeMs: number };
  try {
    now = statOf(path);
  } catch {
    throw new PipewrightError('INPUT_NOT_FOUND', `the input file ${path} of run ${input.runId} is gone; put it back to resume the run, or start a new run`, { location: { file: path } });
  }
  const changed = now.size !== expected.size ? `its size went from ${expected.size} to ${now.size} bytes`
    : now.mtimeMs !== expected.mtimeMs ? `it was modified at ${new Date(now.mtimeMs).toISOString()} (the run read it as of ${new Date(expected.mtimeMs).toISOString()})`
      : input.byteOffset > 0 && hashFile(path) !== expected.sha256 ? 'its content differs' : undefined;
  if (changed === undefined) return;
  throw new PipewrightError(
    'INPUT_CHANGED',
    `the input file ${path} changed since run ${input.runId} started (${changed}); resuming would mix old and new lines, so nothing was read. `
    + `Put the original file back to resume, or start a new run with the new file (pipewright run <flow> --jsonl ${path}).`,
    { location: { file: path } },
  );
}

/**
 * A caller's check of a JSON-lines file (types.ts TriggerInput.jsonlChecked), if the file still has the
 * size and modification time it was checked with; undefined when it changed or is gone, so the caller
 * validates it again.
 */
export function stillChecked(path: string, checked: CheckedJsonLines | undefined): CheckedJsonLines | undefined {
  if (checked === undefined) return undefined;
  try {
    const now = statOf(path);
    return now.size === checked.file.size && now.mtimeMs === checked.file.mtimeMs ? checked : undefined;
  } catch {
    return undefined;
  }
}

function statOf(path: string): { size: number; mtimeMs: number } {
  const stat = statSync(path);
  return { size: stat.size, mtimeMs: stat.mtimeMs };
}

function hashFile(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(HASH_CHUNK);
    for (let position = 0; ;) {
      const read = readSync(fd, buffer, 0, HASH_CHUNK, position);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
      position += read;
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
