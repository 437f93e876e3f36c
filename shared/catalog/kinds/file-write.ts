import { z } from 'zod';
import { defineNodeKind, type JsonataField } from '../node-kind.js';
import { csvDelimiter } from './transform-parse.js';
import { XML_ROOT_PATTERN } from './transform-serialize.js';

export const FILE_WRITE_FORMATS = ['json', 'jsonl', 'csv', 'xml'] as const;
/** Formats whose files can grow by appending: a line or rows. A JSON or XML document cannot. */
const APPENDABLE: ReadonlyArray<string> = ['jsonl', 'csv'];

export const fileWriteConfig = z.strictObject({
  dir: z.string().min(1, { message: 'a folder is required ("." for the workspace itself)' }).describe("Folder: relative to the workspace (the first allowed root), or an absolute path inside an allowed root."),
  name: z.string().min(1, { message: 'a file name template is required, e.g. order-{{ orderNo }}.json' }).describe("Template for the file name: `order-{{ orderNo }}.json`. A \"/\" in the result writes into a subfolder."),
  format: z.enum(FILE_WRITE_FORMATS).default('json'),
  mode: z.enum(['create', 'overwrite', 'append']).default('create').describe("create: a new file, an existing one is an error · overwrite: replace · append: add lines/rows (jsonl, csv)."),
  content: z.string().min(1).optional().describe("JSONata yielding what to write; the whole payload when omitted."),
  delimiter: csvDelimiter.default(',').describe("csv: the field separator."),
  root: z.string().regex(XML_ROOT_PATTERN, { message: 'an XML element name: letters, digits, "_", "-", "." and ":", starting with a letter or "_"' }).default('root').describe("xml: the element the content is written in (an array at the top becomes `<item>` elements), as transform.serialize does."),
}).superRefine((config, issues) => {
  if (config.mode === 'append' && !APPENDABLE.includes(config.format)) {
    issues.addIssue({ code: 'custom', path: ['mode'], message: `a ${config.format} file is one document and cannot be appended to: use format jsonl or csv, or mode create/overwrite` });
  }
});
export type FileWriteConfig = z.infer<typeof fileWriteConfig>;

export const fileWrite = defineNodeKind({
  type: 'file.write',
  title: 'Write file',
  category: 'http',
  effects: 'external',
  description:
    'Writes each message to a file inside the allowed folders: `dir` plus the `name` template, as JSON, JSON lines (an array: one line per element), CSV (an array of objects: one row each, header first) or XML (inside the element `root`), by the same rules as Serialize. Atomic: readers see the old file or the new one. `create` fails on an existing file; `append` (jsonl, csv) reads the file and writes it whole again, so give one flow a file to append to. A path leaving the allowed folders (`..`, absolute, a symbolic link) is refused and nothing is written. Emits `{ path, bytes }`: the absolute path and the file\'s size after the write.',
  configSchema: fileWriteConfig,
  defaultConfig: { dir: 'out', name: 'order-{{ orderNo }}.json', format: 'json', mode: 'create', delimiter: ',', root: 'root' },
  ports: () => ['out'],
  jsonataFields: (config) => {
    const fields: JsonataField[] = [{ path: ['name'], kind: 'template', source: config.name }];
    if (config.content !== undefined) fields.push({ path: ['content'], kind: 'expression', source: config.content });
    return fields;
  },
});
