// Where an evaluation process starts from (DESIGN.md §5 "Isolation"). Built (`npm run build`), it is the
// evaluation-process.js bundle beside the command's own (main/cli/scripts/bundle.ts), run by plain node;
// in the desktop app, the evaluation-process.cjs bundle. From the TypeScript source (tests, `npm run cli`), it is
// that file bundled once per process with esbuild (a development dependency, present wherever the
// source runs): plain node starts it in ~0.2 s where `--import tsx` takes ~0.8 s, and an engine must
// not wait a second for its first evaluation. Without esbuild it falls back to tsx.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface ProcessEntry {
  file: string;
  execArgv: string[];
}

let found: ProcessEntry | undefined;

export function evaluationEntry(): ProcessEntry {
  found ??= locate();
  return found;
}

function locate(): ProcessEntry {
  const here = import.meta.url;
  // The desktop's CommonJS bundles (main/electron/scripts/bundle.ts) carry it as a bundle of its own.
  if (here.endsWith('.cjs')) {
    const file = fileURLToPath(new URL('./evaluation-process.cjs', here));
    if (!existsSync(file)) throw new Error(`the evaluation process bundle ${file} is missing: run npm run build:electron`);
    return { file, execArgv: [] };
  }
  if (!here.endsWith('.ts')) {
    const file = fileURLToPath(new URL('./evaluation-process.js', here));
    if (!existsSync(file)) throw new Error(`the evaluation process entry ${file} is missing: rebuild Pipewright (npm run build)`);
    return { file, execArgv: [] };
  }
  const source = fileURLToPath(new URL('./evaluation-process.ts', here));
  const require = createRequire(here);
  try {
    return { file: bundled(source, require), execArgv: [] };
  } catch {
    // Resolved to a file URL: a bare `--import tsx` would be looked up from the working directory.
    return { file: source, execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href] };
  }
}

/** The source bundled into one file under the temporary folder, named by its content (shared by processes). */
function bundled(source: string, require: NodeJS.Require): string {
  // Typed by hand: esbuild is a development dependency, not part of what main/ may need installed.
  const esbuild = require('esbuild') as { buildSync(options: Record<string, unknown>): { outputFiles: Array<{ text: string }> } };
  const { outputFiles } = esbuild.buildSync({ entryPoints: [source], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'silent' });
  const text = (outputFiles[0] as { text: string }).text;
  const folder = join(tmpdir(), 'pipewright-evaluation');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const file = join(folder, `evaluation-process-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    // Written aside and renamed: another process may be starting from the same file right now.
    const aside = `${file}.${process.pid}`;
    writeFileSync(aside, text, { mode: 0o600 });
    renameSync(aside, file);
  }
  return file;
}
