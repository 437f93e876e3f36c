// The text formats of transform.parse and transform.serialize (CSV, XML, JSON lines, JSON), kept apart
// from the node kinds so that other kinds reading or writing these formats (file nodes) use the very
// same rules. Every failure is a permanent NodeError: PARSE_INVALID, SERIALIZE_INVALID, TEXT_TOO_LARGE.
import type { TextFormat } from '../../../../shared/catalog/kinds/transform-parse.js';
import { parseCsv, serializeCsv, type CsvParseOptions, type CsvSerializeOptions } from './csv.js';
import { checkTextSize } from './errors.js';
import { parseJson, parseJsonLines, serializeJson, serializeJsonLines } from './json.js';
import { parseXml, serializeXml, type XmlSerializeOptions } from './xml.js';

export { checkTextSize, describe } from './errors.js';

export type ParseOptions = CsvParseOptions;
export type SerializeOptions = CsvSerializeOptions & XmlSerializeOptions;

export function parseText(format: TextFormat, text: string, options: ParseOptions): unknown {
  checkTextSize(text, 'the text to parse');
  // A byte order mark is an encoding artefact, never data.
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  switch (format) {
    case 'csv':
      return parseCsv(clean, options);
    case 'xml':
      return parseXml(clean, options);
    case 'jsonl':
      return parseJsonLines(clean);
    case 'json':
      return parseJson(clean);
  }
}

export function serializeData(format: TextFormat, data: unknown, options: SerializeOptions): string {
  const text = write(format, data, options);
  checkTextSize(text, `the ${format.toUpperCase()} text written`);
  return text;
}

function write(format: TextFormat, data: unknown, options: SerializeOptions): string {
  switch (format) {
    case 'csv':
      return serializeCsv(data, options);
    case 'xml':
      return serializeXml(data, options);
    case 'jsonl':
      return serializeJsonLines(data);
    case 'json':
      return serializeJson(data, options.pretty);
  }
}
