// Reading JSON-lines input files: one message per non-empty line, with the byte offset after each line
// so ingest can record exactly where it stopped. Reads in fixed-size chunks: a file of a million lines
// never sits in memory.
import { closeSync, openSync, readSync } from 'node:fs';
import { PipewrightError, type Problem } from '../../shared/errors.js';
import { FingerprintReader } from './input-file.js';
import type { InputFileFingerprint } from './store/types.js';

const READ_CHUNK = 1 << 20;
const MAX_REPORTED_PROBLEMS = 1000;

export interface JsonLine {
  /** 1-based line number in the file. */
  line: number;
  /** The line without surrounding whitespace; empty lines are not yielded. */
  text: string;
  /** Byte offset just after this line's newline: where reading resumes. */
  endOffset: number;
}

/**
 * Lines from `startOffset` (a line start), numbered from `startLine + 1`. `observe` sees every byte
 * read, in order (the run's input fingerprint hashes them while the file is validated).
 */
export function* readJsonLines(path: string, startOffset = 0, startLine = 0, observe?: (bytes: Buffer) => void): Generator<JsonLine> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new PipewrightError('INPUT_NOT_FOUND', `cannot read the input file ${path}: ${(error as Error).message}`, { location: { file: path } });
  }
  try {
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    let pending: Buffer[] = [];
    let position = startOffset;
    let lineStart = startOffset;
    let line = startLine;
    for (;;) {
      const read = readSync(fd, buffer, 0, READ_CHUNK, position);
      if (read === 0) break;
      observe?.(buffer.subarray(0, read));
      let from = 0;
      for (;;) {
        const newline = buffer.indexOf(0x0a, from);
        if (newline === -1 || newline >= read) break;
        const piece = buffer.subarray(from, newline);
        const bytes = pending.length > 0 ? Buffer.concat([...pending, piece]) : piece;
        pending = [];
        line += 1;
        lineStart = position + newline + 1;
        const text = lineText(bytes, line);
        if (text !== '') yield { line, text, endOffset: lineStart };
        from = newline + 1;
      }
      if (from < read) pending.push(Buffer.from(buffer.subarray(from, read)));
      position += read;
    }
    if (pending.length > 0) {
      line += 1;
      const text = lineText(Buffer.concat(pending), line);
      if (text !== '') yield { line, text, endOffset: position };
    }
  } finally {
    closeSync(fd);
  }
}

function lineText(bytes: Buffer, line: number): string {
  const text = bytes.toString('utf8').trim();
  return line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1).trim() : text;
}

/**
 * Parses every line once; throws one error listing every malformed line. Returns the message count and
 * the file's fingerprint (./input-file.ts), taken from the very bytes that were validated.
 */
export function validateJsonLines(path: string): { count: number; file: InputFileFingerprint } {
  const problems: Problem[] = [];
  let malformed = 0;
  let count = 0;
  const fingerprint = new FingerprintReader(path);
  for (const { line, text } of readJsonLines(path, 0, 0, fingerprint.observe)) {
    count += 1;
    try {
      JSON.parse(text);
    } catch (error) {
      malformed += 1;
      if (problems.length < MAX_REPORTED_PROBLEMS) {
        problems.push({ code: 'INVALID_JSON_LINE', message: `line ${line} is not valid JSON: ${(error as Error).message}`, file: path, line });
      }
    }
  }
  if (malformed > 0) {
    const more = malformed > problems.length ? ` (the first ${problems.length} are listed)` : '';
    throw new PipewrightError('INVALID_INPUT', `${path}: ${malformed} line${malformed === 1 ? ' is' : 's are'} not valid JSON${more}; fix them and start the run again, nothing was queued`, {
      location: { file: path },
      problems,
    });
  }
  return { count, file: fingerprint.finish() };
}
