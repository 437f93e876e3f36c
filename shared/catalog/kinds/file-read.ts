import { z } from 'zod';
import { defineNodeKind } from '../node-kind.js';
import { csvDelimiter } from './transform-parse.js';

export const FILE_READ_FORMATS = ['text', 'json', 'jsonl', 'csv', 'xml'] as const;

export const fileReadConfig = z.strictObject({
  path: z.string().min(1, { message: 'a path template is required, e.g. lookup/prices.json' }).describe("Template: relative to the workspace (the first allowed root), or absolute inside an allowed root. `lookup/{{ country }}.json`."),
  format: z.enum(FILE_READ_FORMATS).default('json'),
  target: z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*$/, { message: 'a field name or a dotted path of field names' }).optional().describe("Where the content goes: a dotted path in (a copy of) the payload; without it the content becomes the payload."),
  delimiter: csvDelimiter.optional().describe("csv: the field separator; guessed from the header row when omitted."),
  dynamicTyping: z.boolean().default(false).describe("csv, xml: numbers and booleans become JSON numbers and booleans; by default every value stays a string."),
});
export type FileReadConfig = z.infer<typeof fileReadConfig>;

export const fileRead = defineNodeKind({
  type: 'file.read',
  title: 'Read file',
  category: 'http',
  effects: 'external',
  description:
    'Reads a file inside the allowed folders per message (`path` template) as text, JSON, JSON lines (an array), CSV (an array of row objects, header first) or XML (an object), by the same rules as Parse. The content becomes the payload, or goes to `target` inside it to enrich the message with a lookup file. A missing file, or one outside the allowed folders, fails the message.',
  configSchema: fileReadConfig,
  defaultConfig: { path: 'lookup/prices.json', format: 'json', dynamicTyping: false },
  ports: () => ['out'],
  jsonataFields: (config) => [{ path: ['path'], kind: 'template', source: config.path }],
});
