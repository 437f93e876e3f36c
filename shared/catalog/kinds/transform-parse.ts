import { z } from 'zod';
import { defineNodeKind, type JsonataField } from '../node-kind.js';

/** The text formats transform.parse reads and transform.serialize writes. */
export const TEXT_FORMATS = ['csv', 'xml', 'jsonl', 'json'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

/**
 * The largest text either kind handles: 50 MiB counted in characters. A bigger text is refused at once
 * (a permanent error) rather than blocking a worker and the state database with a giant payload.
 */
export const MAX_TEXT_CHARS = 50 * 1024 * 1024;

/** Attributes of an XML element appear as keys with this prefix (`<a id="7">` → `{ "a": { "@_id": "7" } }`). */
export const XML_ATTRIBUTE_PREFIX = '@_';
/** The text of an element that also has attributes or children sits under this key. */
export const XML_TEXT_KEY = '#text';

/** A CSV delimiter: one to four characters, none of them a quote, a line break or a byte order mark. */
export const csvDelimiter = z.string().regex(/^[^"\r\n\uFEFF]{1,4}$/, { message: 'a delimiter is 1 to 4 characters, without quotes or line breaks' });

export const transformParseConfig = z.strictObject({
  format: z.enum(TEXT_FORMATS, { message: 'the format is one of "csv", "xml", "jsonl", "json"' }),
  from: z.string().min(1, { message: 'leave from out to parse the payload itself' }).optional().describe("JSONata yielding the text to parse; the payload itself (which must then be a string) when omitted."),
  into: z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/, { message: 'a field name: letters, digits, "_" and "$", not starting with a digit' }).optional().describe("A field name: the payload (an object) is kept and the result placed in this field. When omitted the result is the payload."),
  header: z.boolean().default(true).describe("CSV: the first row names the columns (rows become objects); without it rows are arrays of strings."),
  delimiter: csvDelimiter.optional().describe("CSV: the field delimiter; guessed from the first rows (\",\", tab, \"|\", \";\") when omitted."),
  dynamicTyping: z.boolean().default(false).describe("CSV and XML: numbers, true/false and (CSV) empty cells become numbers, booleans and null; otherwise every value stays a string."),
});
export type TransformParseConfig = z.infer<typeof transformParseConfig>;

export const transformParse = defineNodeKind({
  type: 'transform.parse',
  title: 'Parse',
  category: 'transform',
  effects: 'none',
  description: [
    'Turns text into data: `csv` → an array of rows, `xml` → an object, `jsonl` (JSON lines) → an array of values, `json` → the value.',
    'The text is the payload itself, or what the JSONata `from` yields (e.g. `body`); it must be a string. The result becomes the payload, or with `into` a field beside the rest of the payload.',
    'CSV (papaparse): quoted fields may hold delimiters, quotes ("") and line breaks; empty lines are skipped; with `header` each row is an object keyed by the header row, otherwise an array. Values stay strings unless `dynamicTyping` is on (ISO timestamps then become UTC ISO strings).',
    'XML (fast-xml-parser): elements become keys, repeated elements arrays, attributes keys prefixed with `@_`, the text of an element that also has attributes or children the key `#text`; values stay strings unless `dynamicTyping`. The XML declaration and processing instructions are dropped.',
    'Malformed text is a permanent error naming the line and column, and for CSV the row: an unclosed or stray quote, a row with more or fewer fields than the header (or, without a header, than the first row), or a header naming a column twice. The whole text is refused; nothing is emitted.',
    'Texts over 50 MiB (52,428,800 characters) are refused with a permanent error.',
  ].join('\n\n'),
  configSchema: transformParseConfig,
  defaultConfig: { format: 'csv', header: true, dynamicTyping: false },
  ports: () => ['out'],
  jsonataFields: (config) => {
    const fields: JsonataField[] = [];
    if (config.from !== undefined) fields.push({ path: ['from'], kind: 'expression', source: config.from });
    return fields;
  },
});
