// Reading JSON-lines input files: one message per non-empty line, with the byte offset after each line
// so ingest can record exactly where it stopped. Reads in fixed-size chunks: a file of a million lines
// never sits in memory.
import { closeSync, openSync, readSync } from 'node:fs';
import { PipewrightError, type Problem } from '../../shared/errors.js';
import { FingerprintReader } from './input-file.js';
import { BLANK, lineSyntax, VALID } from './json-syntax.js';
import type { InputFileFingerprint } from './store/types.js';

const READ_CHUNK = 1 << 20;
/** The first read of readJsonLines: about 300 lines of a typical order. */
const FIRST_READ = 64 * 1024;
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
    // The run reads a batch's worth of lines at a time (a few hundred): the first read is small and
    // each next one doubles, so a batch does not read (and a chunk re-read) a whole megabyte it never uses.
    let size = FIRST_READ;
    let buffer = Buffer.allocUnsafe(size);
    let pending: Buffer[] = [];
    let position = startOffset;
    let lineStart = startOffset;
    let line = startLine;
    for (;;) {
      const read = readSync(fd, buffer, 0, size, position);
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
      if (size < READ_CHUNK) buffer = Buffer.allocUnsafe((size *= 2));
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
 * Checks every line; throws one error listing every malformed line. Returns the message count and the
 * file's fingerprint (./input-file.ts), taken from the very bytes that were validated. The run parses
 * each line once; this check parses only the lines the byte scanner is not sure of (scanJsonLines).
 */
export function validateJsonLines(path: string): { count: number; file: InputFileFingerprint } {
  const problems: Problem[] = [];
  let malformed = 0;
  const fingerprint = new FingerprintReader(path);
  const { count } = scanJsonLines(path, (raw, line) => {
    const text = raw.trim();
    if (text === '') return false;
    try {
      JSON.parse(text);
    } catch (error) {
      malformed += 1;
      if (problems.length < MAX_REPORTED_PROBLEMS) {
        problems.push({ code: 'INVALID_JSON_LINE', message: `line ${line} is not valid JSON: ${(error as Error).message}`, file: path, line });
      }
    }
    return true;
  }, fingerprint.observe);
  if (malformed > 0) {
    const more = malformed > problems.length ? ` (the first ${problems.length} are listed)` : '';
    throw new PipewrightError('INVALID_INPUT', `${path}: ${malformed} line${malformed === 1 ? ' is' : 's are'} not valid JSON${more}; fix them and start the run again, nothing was queued`, {
      location: { file: path },
      problems,
    });
  }
  return { count, file: fingerprint.finish() };
}

/**
 * Counts the messages of a JSON-lines file without parsing the lines it can vouch for: each line is
 * scanned in the read buffer (./json-syntax.ts), and only a line the scanner is not sure of (a syntax
 * error, a BOM, Unicode blanks) is decoded and handed to `unsure` — without its line end (LF or CRLF), a
 * first line's byte order mark removed — which says whether it is a message (false: a blank line). `observe` sees
 * every byte read, in order. Returns the messages and the lines, blank ones included.
 */
export function scanJsonLines(path: string, unsure: (raw: string, line: number) => boolean, observe: (bytes: Buffer) => void = () => undefined): { count: number; lines: number } {
  let count = 0;
  const lines = forEachLineBytes(path, observe, (bytes, start, end, line) => {
    const syntax = lineSyntax(bytes, start, end);
    if (syntax === BLANK) return;
    if (syntax === VALID) {
      count += 1;
      return;
    }
    const raw = bytes.toString('utf8', start, end > start && bytes[end - 1] === 0x0d ? end - 1 : end);
    if (unsure(line === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw, line)) count += 1;
  });
  return { count, lines };
}

/**
 * Every line of the file as a range of a buffer (valid only during the call), 1-based line numbers, the
 * last line with or without a newline. `observe` sees every byte read, in order. Returns the number of lines.
 */
function forEachLineBytes(path: string, observe: (bytes: Buffer) => void, visit: (bytes: Buffer, start: number, end: number, line: number) => void): number {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new PipewrightError('INPUT_NOT_FOUND', `cannot read the input file ${path}: ${(error as Error).message}`, { location: { file: path } });
  }
  try {
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    let pending: Buffer[] = [];
    let position = 0;
    let line = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, READ_CHUNK, position);
      if (read === 0) break;
      observe(buffer.subarray(0, read));
      let from = 0;
      for (;;) {
        const newline = buffer.indexOf(0x0a, from);
        if (newline === -1 || newline >= read) break;
        line += 1;
        if (pending.length > 0) {
          const whole = Buffer.concat([...pending, buffer.subarray(from, newline)]);
          pending = [];
          visit(whole, 0, whole.length, line);
        } else visit(buffer, from, newline, line);
        from = newline + 1;
      }
      if (from < read) pending.push(Buffer.from(buffer.subarray(from, read)));
      position += read;
    }
    if (pending.length > 0) {
      const whole = Buffer.concat(pending);
      visit(whole, 0, whole.length, (line += 1));
    }
    return line;
  } finally {
    closeSync(fd);
  }
}
