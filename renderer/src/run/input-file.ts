// The messages of a local file picked for "Run with file…", read in the browser: a .json file holds one
// message or an array of them, a .jsonl file one message per line, a .csv file one message per row,
// keyed by its header row (values stay text, as the engine's CSV parsing leaves them by default). Pure:
// text in, messages or an error that names the file and the line out, so it is tested without a DOM.
import Papa from 'papaparse';
import { findJsonSyntaxError, lineAndColumn } from '../../../shared/flow/json-syntax.js';

export type InputFormat = 'json' | 'jsonl' | 'csv';

export type ParsedInput = { ok: true; format: InputFormat; messages: unknown[] } | { ok: false; error: string; line?: number };

/**
 * Largest file a designer run takes: its messages travel in one request with the flow document, and
 * the server refuses requests over 10 MB. Bigger files go through `pipewright run --input`.
 */
export const MAX_INPUT_FILE_BYTES = 8 * 1024 * 1024;

export const INPUT_FILE_ACCEPT = '.json,.jsonl,.ndjson,.csv,application/json,text/csv';

export function inputFormatOf(fileName: string): InputFormat | undefined {
  const extension = /\.([^.]+)$/.exec(fileName.toLowerCase())?.[1];
  if (extension === 'json') return 'json';
  if (extension === 'jsonl' || extension === 'ndjson') return 'jsonl';
  if (extension === 'csv') return 'csv';
  return undefined;
}

/** Refuses a file before reading it when it is too big or of a kind this does not read. */
export function checkInputFile(fileName: string, bytes: number): ParsedInput | undefined {
  if (inputFormatOf(fileName) === undefined) return parseInputFile(fileName, '');
  if (bytes > MAX_INPUT_FILE_BYTES) {
    return { ok: false, error: `${fileName} is ${megabytes(bytes)}; a test run from the designer takes files up to ${megabytes(MAX_INPUT_FILE_BYTES)}. Run bigger files with \`pipewright run <flow> --input ${fileName} --jsonl\`.` };
  }
  return undefined;
}

export function parseInputFile(fileName: string, text: string): ParsedInput {
  const format = inputFormatOf(fileName);
  if (format === undefined) return { ok: false, error: `${fileName} is not a .json, .jsonl or .csv file; pick one of those.` };
  const body = text.replace(/^\uFEFF/, ''); // a byte-order mark some editors write first
  const parsed = format === 'json' ? parseJson(fileName, body) : format === 'jsonl' ? parseJsonLines(fileName, body) : parseCsvRows(fileName, body);
  if (!parsed.ok) return parsed;
  if (parsed.messages.length === 0) return { ok: false, error: `${fileName} holds no messages${format === 'csv' ? ' (a header row but no rows below it)' : format === 'json' ? ' (an empty array)' : ' (every line is empty)'}.` };
  return parsed;
}

function parseJson(fileName: string, text: string): ParsedInput {
  const broken = findJsonSyntaxError(text);
  if (broken) {
    const { line, column } = lineAndColumn(text, broken.offset);
    return { ok: false, error: `${fileName} is not valid JSON: line ${line}, column ${column}: ${broken.message}.`, line };
  }
  const value: unknown = JSON.parse(text);
  return { ok: true, format: 'json', messages: Array.isArray(value) ? value : [value] };
}

function parseJsonLines(fileName: string, text: string): ParsedInput {
  const messages: unknown[] = [];
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const broken = findJsonSyntaxError(line);
    if (broken) {
      const column = raw.indexOf(line) + broken.offset + 1;
      return { ok: false, error: `${fileName} line ${index + 1} is not valid JSON (column ${column}: ${broken.message}); each line must hold one whole JSON message.`, line: index + 1 };
    }
    messages.push(JSON.parse(line));
  }
  return { ok: true, format: 'jsonl', messages };
}

/**
 * Rows keyed by the header row. Strict, like the engine's CSV parsing: a row with another number of
 * fields than the header, or a broken quote, refuses the file and names its line, rather than running
 * on a file quietly missing a row. papaparse numbers rows, not lines (a quoted field may span lines,
 * empty lines are skipped), so each row's line is counted from where the row before it ended.
 */
function parseCsvRows(fileName: string, text: string): ParsedInput {
  const lines = lineCounter(text);
  let header: string[] | undefined;
  const messages: unknown[] = [];
  let failure: ParsedInput | undefined;
  let rowFrom = 0;
  Papa.parse<string[]>(text, {
    skipEmptyLines: 'greedy',
    step: (result, parser) => {
      const line = lines.lineAt(skipBlank(text, rowFrom));
      rowFrom = result.meta.cursor;
      const quote = result.errors.find((error) => error.type === 'Quotes');
      const row = result.data;
      if (quote) failure = { ok: false, error: `${fileName} line ${line} is not valid CSV: ${quote.message.toLowerCase()}.`, line };
      else if (!header) {
        header = row;
        const repeated = row.find((name, index) => row.indexOf(name) !== index);
        if (repeated !== undefined) failure = { ok: false, error: `${fileName} line ${line}, the header row, names the column ${JSON.stringify(repeated)} twice; rename one.`, line };
      } else if (row.length !== header.length) {
        failure = { ok: false, error: `${fileName} line ${line} has ${row.length} field${row.length === 1 ? '' : 's'} where the header row has ${header.length}.`, line };
      } else {
        const columns = header;
        messages.push(Object.fromEntries(columns.map((name, column) => [name, row[column]])));
      }
      if (failure) parser.abort();
    },
  });
  return failure ?? { ok: true, format: 'csv', messages };
}

/** Line numbers of offsets asked in increasing order, counted once through the text. */
function lineCounter(text: string): { lineAt(offset: number): number } {
  let line = 1;
  let counted = 0;
  return {
    lineAt(offset: number): number {
      for (; counted < offset && counted < text.length; counted++) if (text[counted] === '\n') line++;
      return line;
    },
  };
}

function skipBlank(text: string, from: number): number {
  let at = from;
  while (at < text.length && ' \t\r\n'.includes(text[at] as string)) at++;
  return at;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
