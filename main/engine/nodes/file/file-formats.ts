// The text formats of file.read and file.write: JSON, JSON lines, CSV (papaparse) and XML
// (fast-xml-parser). Every failure is permanent (the same file or data fails the same way on every
// attempt) and says where: the line of a JSON line, the row of a CSV, the line and column of XML.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import Papa from 'papaparse';
import { NodeError } from '../../errors.js';

export type ReadFormat = 'text' | 'json' | 'jsonl' | 'csv' | 'xml';
export type WriteFormat = 'json' | 'jsonl' | 'csv' | 'xml';

function formatError(message: string): NodeError {
  return new NodeError('FILE_FORMAT', message, { transient: false });
}

export function parseFileText(format: ReadFormat, text: string, file: string, options: { delimiter?: string | undefined; dynamicTyping: boolean }): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  switch (format) {
    case 'text':
      return body;
    case 'json':
      try {
        return JSON.parse(body) as unknown;
      } catch (error) {
        throw formatError(`${file} is not valid JSON: ${(error as Error).message}`);
      }
    case 'jsonl':
      return body.split('\n').flatMap((line, index) => {
        if (line.trim() === '') return [];
        try {
          return [JSON.parse(line) as unknown];
        } catch (error) {
          throw formatError(`${file} line ${index + 1} is not valid JSON: ${(error as Error).message}`);
        }
      });
    case 'csv': {
      const parsed = Papa.parse<Record<string, unknown>>(body, {
        header: true, skipEmptyLines: 'greedy', dynamicTyping: options.dynamicTyping, ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
      });
      const problem = parsed.errors.find((error) => error.code !== 'UndetectableDelimiter');
      if (problem) throw formatError(`${file} is not valid CSV${problem.row === undefined ? '' : ` at data row ${problem.row + 1}`}: ${problem.message}`);
      return parsed.data;
    }
    case 'xml': {
      const valid = XMLValidator.validate(body);
      if (valid !== true) throw formatError(`${file} is not valid XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
      return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, parseAttributeValue: false }).parse(body) as unknown;
    }
  }
}

export interface SerializeOptions {
  delimiter: string;
  /** xml: the element to wrap the content in. */
  root?: string | undefined;
  /** csv append: the existing file's columns, in order; no header row is written then. */
  columns?: string[] | undefined;
}

/** The text to write for `data`; jsonl and csv end with a newline, so appending stays line by line. */
export function serializeData(format: WriteFormat, data: unknown, options: SerializeOptions): string {
  if (data === undefined) throw formatError('there is nothing to write: the content expression yielded no value');
  switch (format) {
    case 'json':
      return `${JSON.stringify(data, null, 2)}\n`;
    case 'jsonl':
      return (Array.isArray(data) ? data : [data]).map((item) => `${JSON.stringify(item ?? null)}\n`).join('');
    case 'csv':
      return csvText(data, options);
    case 'xml':
      return xmlText(data, options.root);
  }
}

function csvText(data: unknown, options: SerializeOptions): string {
  const rows = Array.isArray(data) ? data : [data];
  const bad = rows.findIndex((row) => typeof row !== 'object' || row === null || Array.isArray(row));
  if (bad !== -1) throw formatError(`CSV is written from objects (one per row), but item ${bad} is ${JSON.stringify(rows[bad]) ?? 'nothing'}`);
  if (rows.length === 0) return '';
  // Nested values are written as their JSON text rather than papaparse's "[object Object]".
  const flat = (rows as Array<Record<string, unknown>>).map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'object' && value !== null ? JSON.stringify(value) : value])));
  const columns = options.columns ?? [...new Set(flat.flatMap((row) => Object.keys(row)))];
  const extra = flat.flatMap((row) => Object.keys(row)).find((key) => !columns.includes(key));
  if (extra !== undefined) throw formatError(`the file's header has no column "${extra}" (it has ${columns.join(', ')}): appended rows must fit the columns already there`);
  const text = Papa.unparse(flat, { columns, header: options.columns === undefined, delimiter: options.delimiter, newline: '\n' });
  return `${text}\n`;
}

function xmlText(data: unknown, root: string | undefined): string {
  let document = data;
  if (root !== undefined) document = { [root]: data };
  else if (typeof data !== 'object' || data === null || Array.isArray(data) || Object.keys(data).length !== 1) {
    throw formatError('an XML document has one root element: give the node a `root`, or make the content an object with exactly one key');
  }
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: true });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(document) as string}`;
}

/** The header row of an existing CSV file (for appending in its column order), or undefined when it has none. */
export function csvColumns(text: string, delimiter: string): string[] | undefined {
  const head = Papa.parse<string[]>(text.startsWith('\uFEFF') ? text.slice(1) : text, { delimiter, preview: 1, skipEmptyLines: 'greedy' });
  const names = head.data[0];
  return names === undefined || names.length === 0 ? undefined : names;
}
