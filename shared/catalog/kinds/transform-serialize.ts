import { z } from 'zod';
import { defineNodeKind, type JsonataField } from '../node-kind.js';
import { csvDelimiter, TEXT_FORMATS } from './transform-parse.js';

/** The root element's name: ASCII letters, digits, `_`, `-`, `.` and `:` (a namespace prefix), not starting with a digit, `-` or `.`. */
export const XML_ROOT_PATTERN = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;

export const transformSerializeConfig = z.strictObject({
  format: z.enum(TEXT_FORMATS, { message: 'the format is one of "csv", "xml", "jsonl", "json"' }),
  from: z.string().min(1, { message: 'leave from out to write the whole payload' }).optional().describe("JSONata yielding the data to write; the whole payload when omitted."),
  root: z.string().regex(XML_ROOT_PATTERN, { message: 'an XML element name: letters, digits, "_", "-", "." and ":", starting with a letter or "_"' }).default('root').describe("XML: the name of the document element the data is written into."),
  declaration: z.boolean().default(true).describe("XML: start with `<?xml version=\"1.0\" encoding=\"UTF-8\"?>`."),
  delimiter: csvDelimiter.default(',').describe("CSV: the field delimiter."),
  header: z.boolean().default(true).describe("CSV: write a header row with the column names (rows that are objects only)."),
  newline: z.enum(['crlf', 'lf'], { message: 'the newline is "crlf" or "lf"' }).default('crlf').describe("CSV: the line ending; RFC 4180 asks for CRLF."),
  pretty: z.boolean().default(false).describe("JSON and XML: indent with two spaces instead of writing one compact line."),
});
export type TransformSerializeConfig = z.infer<typeof transformSerializeConfig>;

export const transformSerialize = defineNodeKind({
  type: 'transform.serialize',
  title: 'Serialize',
  category: 'transform',
  effects: 'none',
  description: [
    'Turns data into text, the reverse of Parse: the payload becomes a string in `csv`, `xml`, `jsonl` (JSON lines) or `json`. The data is the payload, or what the JSONata `from` yields.',
    'CSV (papaparse): an array of row objects (or one object) gives a header row made of the union of their keys in first-seen order, then one line per row; a missing key is an empty cell, null is empty, an object or array cell is written as JSON. An array of arrays is written row by row without a header. Fields holding the delimiter, quotes or line breaks are quoted.',
    'XML (fast-xml-parser): the data is written inside the element `root`; keys become elements, arrays repeated elements, keys prefixed `@_` attributes and `#text` the element\'s text, as Parse reads them; an array at the top becomes `<item>` elements. A key that is not an XML name, or an array directly inside an array, is a permanent error.',
    'JSON lines: one line per element of an array (a single value gives one line), each line ended by a newline.',
    'A text over 50 MiB (52,428,800 characters) is refused with a permanent error.',
  ].join('\n\n'),
  configSchema: transformSerializeConfig,
  defaultConfig: { format: 'json', root: 'root', declaration: true, delimiter: ',', header: true, newline: 'crlf', pretty: false },
  ports: () => ['out'],
  jsonataFields: (config) => {
    const fields: JsonataField[] = [];
    if (config.from !== undefined) fields.push({ path: ['from'], kind: 'expression', source: config.from });
    return fields;
  },
});
