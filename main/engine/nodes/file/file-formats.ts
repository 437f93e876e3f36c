// The text formats of file.read and file.write, on top of ../formats (the rules transform.parse and
// transform.serialize use: papaparse, fast-xml-parser), so a file reads exactly as the same text
// parsed in a flow would. What is particular to files lives here: the file's path in every error,
// a newline after each JSON lines / CSV write (so appending stays line by line), and appending CSV
// rows in the column order of the header already in the file.
import { NodeError } from '../../errors.js';
import { parseText, serializeData } from '../formats/index.js';

export type ReadFormat = 'text' | 'json' | 'jsonl' | 'csv' | 'xml';
export type WriteFormat = 'json' | 'jsonl' | 'csv' | 'xml';

export function parseFileText(format: ReadFormat, text: string, file: string, options: { delimiter?: string | undefined; dynamicTyping: boolean }): unknown {
  if (format === 'text') return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return naming(file, () => parseText(format, text, { header: true, delimiter: options.delimiter, dynamicTyping: options.dynamicTyping }));
}

export interface FileSerializeOptions {
  delimiter: string;
  /** xml: the element the content is written in. */
  root: string;
  /** csv, appending: the columns of the header already in the file; no header row is written then. */
  columns?: string[] | undefined;
}

export function serializeFileData(format: WriteFormat, data: unknown, file: string, options: FileSerializeOptions): string {
  return naming(file, () => {
    const rows = format === 'csv' && options.columns !== undefined ? inColumns(data, options.columns) : data;
    const text = serializeData(format, rows, {
      delimiter: options.delimiter, header: options.columns === undefined, newline: 'lf', root: options.root, declaration: true, pretty: true,
    });
    return text === '' || text.endsWith('\n') ? text : `${text}\n`;
  });
}

/** The header row of an existing CSV file, or undefined when it has none. */
export function csvColumns(text: string, delimiter: string): string[] | undefined {
  const [first] = parseText('csv', text.split('\n', 1)[0] ?? '', { header: false, delimiter, dynamicTyping: false }) as string[][];
  return first === undefined || first.length === 0 ? undefined : first;
}

/** Rows as objects keyed exactly by `columns`, in that order; a key the file has no column for is refused. */
function inColumns(data: unknown, columns: string[]): unknown {
  const rows = Array.isArray(data) ? data : [data];
  return rows.map((row) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return row;
    const extra = Object.keys(row).find((key) => !columns.includes(key));
    if (extra !== undefined) {
      throw new NodeError('FILE_FORMAT', `the file's header has no column "${extra}" (it has ${columns.join(', ')}): appended rows must fit the columns already there`, { transient: false });
    }
    return Object.fromEntries(columns.map((name) => [name, (row as Record<string, unknown>)[name] ?? null]));
  });
}

/** Runs `work`, adding the file's path to the message of a format error. */
function naming<T>(file: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof NodeError) throw new NodeError(error.code, `${file}: ${error.message}`, { transient: error.transient, cause: error });
    throw error;
  }
}
