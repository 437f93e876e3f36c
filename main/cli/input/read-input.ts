// Reads the messages a user hands to `run` and `eval`: one JSON document from a file or stdin, or
// JSON lines. JSON lines are checked line by line (streaming, so a million lines cost no memory) and
// every bad line is reported with its line number before anything is queued. JSON lines from stdin are
// spooled to `<workspace>/.pipewright/inputs/` first: the engine ingests a file durably, so a run
// whose process dies can be finished by `pipewright resume`.
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createHash, randomUUID, type Hash } from 'node:crypto';
import { PipewrightError, type Problem } from '../../../shared/errors.js';
import { FingerprintReader } from '../../engine/input-file.js';
import { scanJsonLines } from '../../engine/jsonl.js';
import type { CheckedJsonLines } from '../../engine/types.js';
import { jsonProblem, parseJsonText } from './json-text.js';

export const STDIN = '-';
/** Enough to see the pattern of a broken file without flooding the terminal. */
const MAX_LINE_PROBLEMS = 20;

export function inputLabel(source: string): string {
  return source === STDIN ? '<stdin>' : source;
}

/** One JSON document from a file or `-` (stdin). */
export async function readJsonDocument(source: string, cwd: string): Promise<unknown> {
  const text = source === STDIN ? await readStream(process.stdin) : readInputFile(source, cwd);
  return parseJsonText(text, inputLabel(source));
}

function readInputFile(source: string, cwd: string): string {
  const path = resolve(cwd, source);
  if (!existsSync(path)) throw new PipewrightError('INPUT_NOT_FOUND', 'no such input file', { location: { file: source } });
  if (statSync(path).isDirectory()) throw new PipewrightError('INPUT_NOT_A_FILE', 'the input is a folder, not a file', { location: { file: source } });
  return readFileSync(path, 'utf8');
}

async function readStream(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export interface JsonlInput {
  /** Absolute path of the file the engine ingests. */
  path: string;
  messages: number;
  /** Set when the file is a spool of stdin that may be deleted once the run has finished. */
  spooled: boolean;
  /** The check of the file (given by path, or the spool), for the engine to use instead of scanning it again. */
  checked: CheckedJsonLines;
}

/**
 * Checks a JSON-lines file (or spools and checks stdin) and returns the file for the engine to ingest,
 * with the check for the engine to use instead of reading the file again.
 */
export async function prepareJsonl(source: string, cwd: string, workspace: string, stdin: Readable = process.stdin): Promise<JsonlInput> {
  if (source !== STDIN) {
    const path = resolve(cwd, source);
    if (!existsSync(path)) throw new PipewrightError('INPUT_NOT_FOUND', 'no such input file', { location: { file: source } });
    if (statSync(path).isDirectory()) throw new PipewrightError('INPUT_NOT_A_FILE', 'the input is a folder, not a file', { location: { file: source } });
    const checked = checkJsonlFile(path, source);
    return { path, messages: checked.count, spooled: false, checked };
  }
  const folder = join(workspace, '.pipewright', 'inputs');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `stdin-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.jsonl`);
  const spool = createWriteStream(path);
  try {
    // The spool's fingerprint, hashed from the very text written to it.
    const hash = createHash('sha256');
    const messages = await checkJsonl(stdin, inputLabel(source), { stream: spool, hash });
    spool.end();
    await once(spool, 'finish');
    const { size, mtimeMs } = statSync(path);
    return { path, messages, spooled: true, checked: { count: messages, file: { size, mtimeMs, sha256: hash.digest('hex') } } };
  } catch (error) {
    // The stream opens its file asynchronously: removed before that open, the file would appear after
    // the removal (a refused stdin left its spool behind when the check failed fast).
    spool.destroy();
    if (!spool.closed) await once(spool, 'close');
    rmSync(path, { force: true });
    throw error;
  }
}

/**
 * Counts the messages of a JSON-lines file and fingerprints it, as the engine's own validation does, so
 * the engine need not read it again (TriggerInput.jsonlChecked). Lines are scanned in the read buffer by
 * the engine's scanner and parsed only when it is not sure of them: the run parses each line once, and
 * a check that parsed every line too cost 7 % of a 100,000-line run.
 */
function checkJsonlFile(path: string, label: string): CheckedJsonLines {
  const check = new LineCheck(label);
  const fingerprint = new FingerprintReader(path);
  const { count, lines } = scanJsonLines(path, (line, lineNo) => check.judge(line, lineNo), fingerprint.observe);
  return { count: check.messages(count, lines), file: fingerprint.finish() };
}

/** Counts the messages of a JSON-lines stream, copying each line to `copy` (and its hash) when given. */
async function checkJsonl(stream: Readable, label: string, copy?: { stream: Writable; hash: Hash }): Promise<number> {
  const check = new LineCheck(label);
  let lineNo = 0;
  let nonBlank = 0;
  for await (const raw of linesOf(stream)) {
    lineNo++;
    const line = lineNo === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (copy) {
      const text = `${line}\n`;
      copy.hash.update(text);
      if (!copy.stream.write(text)) await once(copy.stream, 'drain');
    }
    if (check.judge(line, lineNo)) nonBlank++;
  }
  return check.messages(nonBlank, lineNo);
}

/** The verdict on the lines of one JSON-lines input, a file's or stdin's: every bad line as a problem. */
class LineCheck {
  private readonly problems: Problem[] = [];
  private badLines = 0;

  constructor(private readonly label: string) {}

  /** Whether the line (1-based `lineNo`) is a message, valid or not; false for a blank line. */
  judge(line: string, lineNo: number): boolean {
    if (line.trim() === '') return false;
    try {
      JSON.parse(line);
    } catch (error) {
      this.badLines++;
      if (this.problems.length < MAX_LINE_PROBLEMS) this.problems.push(jsonProblem(line, error, this.label, lineNo - 1));
    }
    return true;
  }

  /** The message count of `nonBlank` judged lines out of `lines`, or the error listing the bad ones (or saying there are none). */
  messages(nonBlank: number, lines: number): number {
    const { problems, badLines, label } = this;
    if (badLines > problems.length) {
      problems.push({ code: 'INPUT_INVALID_JSONL', message: `…and ${badLines - problems.length} more bad lines`, file: label });
    }
    if (problems.length > 0) {
      throw new PipewrightError('INPUT_INVALID_JSONL', `${badLines} of ${lines} lines are not valid JSON (one message per line)`, { problems });
    }
    const messages = nonBlank - badLines;
    if (messages === 0) throw new PipewrightError('INPUT_EMPTY', 'no messages: the JSON-lines input has no non-empty line', { location: { file: label } });
    return messages;
  }
}

/**
 * The lines of a stream, split at LF with a CRLF's CR dropped — as the engine splits a JSON-lines file.
 * Not node:readline, which also breaks lines at U+2028 and U+2029: characters a JSON string may hold
 * unescaped, so a valid message was cut in two and refused.
 */
async function* linesOf(stream: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  const line = (text: string): string => (text.endsWith('\r') ? text.slice(0, -1) : text);
  for await (const chunk of stream) {
    rest += typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    let from = 0;
    for (let end = rest.indexOf('\n'); end !== -1; end = rest.indexOf('\n', from)) {
      yield line(rest.slice(from, end));
      from = end + 1;
    }
    rest = rest.slice(from);
  }
  rest += decoder.end();
  if (rest !== '') yield line(rest);
}
