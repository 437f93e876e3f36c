import { z } from 'zod';
import { defineNodeKind } from '../node-kind.js';
import { csvDelimiter } from './transform-parse.js';

/** Sub-folders of the watched folder where taken files go: queued → done, unreadable → failed. */
export const FILE_TRIGGER_DONE_DIR = 'done';
export const FILE_TRIGGER_FAILED_DIR = 'failed';

/** The file extensions a watched folder reads, each with its format. */
export const FILE_TRIGGER_EXTENSIONS = ['.json', '.jsonl', '.csv', '.xml'] as const;

/** `..` as a path segment (either separator): the folder must not climb out of where it is given. */
const CLIMBS_UP = /(^|[\\/])\.\.([\\/]|$)/;

export const triggerFileConfig = z.strictObject({
  dir: z.string()
    .min(1, { message: 'a folder to watch is required, e.g. inbox' })
    .max(1000, { message: 'the folder path is longer than 1,000 characters' })
    .refine((dir) => !CLIMBS_UP.test(dir), { message: 'the folder must not contain ".." (it must stay inside the workspace or an allowed folder)' })
    .refine((dir) => !dir.includes('\0'), { message: 'the folder path must not contain a NUL character' }).describe("Relative to the workspace, or absolute inside an allowed root; created when missing."),
  /** A glob matched against file names directly in `dir` (picomatch: `*.csv`, `orders-*.{json,jsonl}`). */
  pattern: z.string()
    .min(1, { message: 'a file name pattern is required, e.g. *.csv' })
    .max(255, { message: 'the pattern is longer than 255 characters' })
    .refine((pattern) => !/[\\/]/.test(pattern), { message: 'the pattern matches file names in the folder itself: it must not contain "/" or "\\" (put the sub-folder in dir)' }),
  settleMs: z.number({ message: 'settleMs is a number of milliseconds' }).int({ message: 'settleMs is a whole number of milliseconds' })
    .min(100, { message: 'settleMs is at least 100 (ms)' })
    .max(3_600_000, { message: 'settleMs is at most 3,600,000 (one hour)' })
    .default(1000).describe("How long a file's size and modification time must stay unchanged before it is taken."),
  csv: z.strictObject({
    delimiter: csvDelimiter.optional().describe("Guessed from the header row when omitted."),
    dynamicTyping: z.boolean().default(false).describe("Numbers, true/false and empty cells become numbers, booleans and null; otherwise every value stays a string."),
  }).optional().describe("How `.csv` files are read (the rules of transform.parse; the first row names the columns)."),
});
export type TriggerFileConfig = z.infer<typeof triggerFileConfig>;

export const triggerFile = defineNodeKind({
  type: 'trigger.file',
  title: 'Watched folder',
  category: 'trigger',
  effects: 'none',
  description: [
    'On `pipewright serve`, watches the folder `dir` (relative to the workspace, or inside an allowed folder; created when missing) for files whose name matches `pattern` (a glob such as `*.csv`).',
    'A file is taken once its size and modification time stayed unchanged for `settleMs` (default 1000 ms): a `.json` file is one message (its content), a `.jsonl` file one message per line, a `.csv` file one per row (the header row names the fields; `csv.delimiter`, `csv.dynamicTyping`), an `.xml` file one message — by the rules of Parse.',
    'All messages of a file are queued together; then the file moves to `done/` (a name already there gets a suffix). A file that cannot be read moves to `failed/`, with `<name>.error.txt` beside it giving the reason (line and column). A crash between queueing and moving queues nothing twice: the file\'s identity is recorded with its messages.',
    'Writers should write under another name and rename when done (`orders.csv.part` → `orders.csv`), or never pause longer than `settleMs`. Symbolic links and sub-folders in the folder are ignored. In the designer, Run uses its samples.',
  ].join('\n\n'),
  configSchema: triggerFileConfig,
  defaultConfig: { dir: 'inbox', pattern: '*.csv', settleMs: 1000 },
  ports: () => ['out'],
  jsonataFields: () => [],
  isTrigger: true,
});
