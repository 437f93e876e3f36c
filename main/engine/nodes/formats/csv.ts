// CSV ↔ rows with papaparse. Parsing is strict: the whole text is refused at the first malformed row
// (an unclosed or stray quote, a field count that differs from the header's), with its row, line and
// column, because a partner file silently missing a row is worse than one that fails loudly.
import Papa from 'papaparse';
import { lineAndColumn } from '../../../../shared/flow/json-syntax.js';
import { describe, invalidText, unsupportedData } from './errors.js';

export interface CsvParseOptions {
  header: boolean;
  /** Guessed from the first rows when absent. */
  delimiter?: string | undefined;
  dynamicTyping: boolean;
}

export interface CsvSerializeOptions {
  header: boolean;
  delimiter: string;
  newline: 'crlf' | 'lf';
}

/**
 * Header mode reads the header row on its own first (which also settles the delimiter), then the rest
 * without papaparse's header handling: papaparse would silently rename a repeated column (`a_1`) and
 * type the header row along with the values. Rows are then checked and keyed here.
 */
export function parseCsv(text: string, options: CsvParseOptions): unknown[] {
  const start = skipBlank(text, 0);
  let delimiter = options.delimiter ?? '';
  let columns: string[] | undefined;
  let body = start;
  if (options.header) {
    const head = readHeader(text.slice(start), delimiter);
    if (head === undefined) return [];
    if (head.quote !== undefined) throw invalidText('CSV', `the header row (${position(text, start)}) is malformed: ${head.quote.toLowerCase()}`);
    const names = head.names;
    const repeated = names.find((name, index) => names.indexOf(name) !== index);
    if (repeated !== undefined) {
      throw invalidText('CSV', `the header row (${position(text, start)}) names the column ${JSON.stringify(repeated)} twice (columns ${names.indexOf(repeated) + 1} and ${names.lastIndexOf(repeated) + 1}); rename one`);
    }
    columns = names;
    delimiter = head.delimiter;
    body = start + head.end;
  }

  const rows: unknown[] = [];
  let width = columns?.length;
  let rowFrom = body;
  let failure: Error | undefined;
  Papa.parse<unknown[]>(text.slice(body), {
    delimiter,
    skipEmptyLines: 'greedy',
    dynamicTyping: options.dynamicTyping,
    step: (result, parser) => {
      const rowStart = skipBlank(text, rowFrom);
      rowFrom = body + result.meta.cursor;
      const number = rows.length + 1;
      const quote = result.errors.find((error) => error.type === 'Quotes');
      const values = result.data;
      width ??= values.length;
      if (quote || values.length !== width) {
        const why = quote
          ? `${quote.message.toLowerCase()}`
          : `it has ${values.length} field${values.length === 1 ? '' : 's'} where the ${columns ? 'header has' : 'first row has'} ${width}`;
        failure = invalidText('CSV', `row ${number} (${position(text, rowStart)}) is malformed: ${why}`);
        parser.abort();
        return;
      }
      const typed = options.dynamicTyping ? values.map(plainValue) : values;
      rows.push(columns ? Object.fromEntries(columns.map((name, index) => [name, typed[index]])) : typed);
    },
  });
  if (failure) throw failure;
  return rows;
}

/**
 * The first row, the delimiter papaparse settled on (guessed from the first rows when not given) and
 * where the row ends. A step parse stopped after one row: `preview`'s cursor runs past the row.
 */
function readHeader(text: string, delimiter: string): { names: string[]; delimiter: string; end: number; quote?: string } | undefined {
  let head: { names: string[]; delimiter: string; end: number; quote?: string } | undefined;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: 'greedy',
    step: (result, parser) => {
      const quote = result.errors.find((error) => error.type === 'Quotes');
      head = { names: result.data, delimiter: result.meta.delimiter, end: result.meta.cursor, ...(quote ? { quote: quote.message } : {}) };
      parser.abort();
    },
  });
  return head;
}

/** Rows of objects (header = the union of their keys, first seen first) or rows of arrays, as CSV text. */
export function serializeCsv(data: unknown, options: CsvSerializeOptions): string {
  const rows = data === undefined ? undefined : Array.isArray(data) ? data : isRecord(data) ? [data] : undefined;
  if (rows === undefined) throw unsupportedData(`CSV is written from an array of rows (objects or arrays) or one object, not ${describe(data)}`);
  const newline = options.newline === 'crlf' ? '\r\n' : '\n';
  const config = { delimiter: options.delimiter, newline };
  if (rows.length === 0) return '';
  if (rows.every(Array.isArray)) {
    return Papa.unparse((rows as unknown[][]).map((row) => row.map(cell)), config);
  }
  const stray = rows.findIndex((row) => !isRecord(row));
  if (stray !== -1) {
    throw unsupportedData(`CSV rows must all be objects or all be arrays; row ${stray + 1} is ${describe(rows[stray])}`);
  }
  const records = rows as Array<Record<string, unknown>>;
  const columns = [...new Set(records.flatMap((row) => Object.keys(row)))];
  const body = records.map((row) => columns.map((name) => cell(row[name])));
  return Papa.unparse({ fields: columns, data: body }, { ...config, header: options.header });
}

/** A cell's text: null and absent are empty, objects and arrays are JSON. */
function cell(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : value;
}

/** papaparse's dynamic typing makes ISO timestamps Date objects; payloads hold JSON values only. */
function plainValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

function skipBlank(text: string, from: number): number {
  let at = from;
  while (at < text.length && ' \t\r\n'.includes(text[at] as string)) at++;
  return at;
}

function position(text: string, offset: number): string {
  return `line ${lineAndColumn(text, offset).line}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
