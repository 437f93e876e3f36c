// What trigger.file does with one settled file (DESIGN.md §3 trigger.file): read it through a
// descriptor that cannot follow a symbolic link, parse it by the rules of transform.parse
// (main/engine/nodes/formats), and move it into `done/` or `failed/` without ever overwriting a file
// there. Moves are crash-safe: the file is hard-linked to its new name first and unlinked from the
// watched folder last, so a crash in between leaves it where the next start finds it again, and a link
// that already points at the same file is recognised instead of making a second copy.
import { constants } from 'node:fs';
import { link, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { BigIntStats } from 'node:fs';
import { MAX_TEXT_CHARS, type TextFormat } from '../../shared/catalog/kinds/transform-parse.js';
import { FILE_TRIGGER_EXTENSIONS, type TriggerFileConfig } from '../../shared/catalog/kinds/trigger-file.js';
import { parseText } from '../engine/nodes/formats/index.js';

/** A file that will never be readable as it is: it goes to `failed/` with this reason. */
export class UnreadableFile extends Error {}

/** Suffixed names tried in `done/` or `failed/` before giving up (`orders-2.csv` … `orders-1000.csv`). */
const MAX_SUFFIX = 1000;

const FORMATS: Record<(typeof FILE_TRIGGER_EXTENSIONS)[number], TextFormat> = { '.json': 'json', '.jsonl': 'jsonl', '.csv': 'csv', '.xml': 'xml' };

/** What names one version of a file: the same name, inode, size and modification time is the same drop. */
export function fileIdentity(name: string, stats: BigIntStats): string {
  return `file:${name}:${stats.ino}:${stats.size}:${stats.mtimeNs}`;
}

/** Size and modification time: a file whose signature stays the same for settleMs has stopped growing. */
export function fileSignature(stats: BigIntStats): string {
  return `${stats.ino}:${stats.size}:${stats.mtimeNs}`;
}

/**
 * The messages of a file: `.json` and `.xml` one, `.jsonl` one per line, `.csv` one per row. Undefined
 * when the file changed since `seen` (it is still being written: look again later). Throws
 * UnreadableFile for a file that cannot be parsed, is too large or has another extension.
 */
export async function readMessages(path: string, name: string, seen: BigIntStats, config: TriggerFileConfig): Promise<unknown[] | undefined> {
  const extension = extname(name).toLowerCase();
  const format = (FORMATS as Record<string, TextFormat | undefined>)[extension];
  if (format === undefined) {
    throw new UnreadableFile(`a watched folder reads ${FILE_TRIGGER_EXTENSIONS.join(', ')} files; this one ${extension === '' ? 'has no extension' : `ends in "${extension}"`} (narrow the trigger's pattern to leave such files alone)`);
  }
  if (seen.size > BigInt(MAX_TEXT_CHARS)) {
    throw new UnreadableFile(`the file is ${seen.size.toLocaleString('en')} bytes; the limit is ${MAX_TEXT_CHARS.toLocaleString('en')} (50 MiB): split it into smaller files`);
  }
  // O_NOFOLLOW: a file swapped for a symbolic link after it was listed is not followed out of the folder.
  const handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  let text: string;
  try {
    const before = await handle.stat({ bigint: true });
    if (fileSignature(before) !== fileSignature(seen)) return undefined;
    text = (await handle.readFile()).toString('utf8');
    const after = await handle.stat({ bigint: true });
    if (fileSignature(after) !== fileSignature(seen)) return undefined;
  } finally {
    await handle.close();
  }
  let data: unknown;
  try {
    data = parseText(format, text, { header: true, delimiter: config.csv?.delimiter, dynamicTyping: format === 'csv' && (config.csv?.dynamicTyping ?? false) });
  } catch (error) {
    throw new UnreadableFile((error as Error).message);
  }
  return format === 'jsonl' || format === 'csv' ? (data as unknown[]) : [data];
}

/**
 * Moves `<dir>/<name>` into `<dir>/<sub>/` under its name, or with a suffix when that name is taken,
 * and answers the name it got; undefined when the file is gone already (taken by an earlier owner).
 * `beforeRemoving` runs once the file is at its new name and before it leaves the watched folder
 * (the reason beside a failed file), so a crash never leaves a failed file without its reason.
 */
export async function moveInto(dir: string, sub: string, name: string, beforeRemoving?: (finalName: string) => Promise<void>): Promise<string | undefined> {
  const source = join(dir, name);
  const folder = join(dir, sub);
  await mkdir(folder, { recursive: true });
  for (let attempt = 1; attempt <= MAX_SUFFIX; attempt++) {
    const finalName = attempt === 1 ? name : withSuffix(name, attempt);
    const target = join(folder, finalName);
    const placed = await placeAt(source, target);
    if (placed === 'gone') return undefined;
    if (placed === 'taken') continue;
    await beforeRemoving?.(finalName);
    if (placed === 'linked') await unlink(source).catch(ignoreMissing);
    return finalName;
  }
  throw new Error(`${sub}/ already holds ${MAX_SUFFIX} files named like ${name}: clear it out`);
}

/** `orders.csv` → `orders-2.csv`; `README` → `README-2`. */
export function withSuffix(name: string, n: number): string {
  const extension = extname(name);
  return `${name.slice(0, name.length - extension.length)}-${n}${extension}`;
}

/**
 * Puts the file at `target` without replacing anything there: a hard link (link() refuses an existing
 * target), or a rename where the file system has no hard links.
 */
async function placeAt(source: string, target: string): Promise<'linked' | 'renamed' | 'taken' | 'gone'> {
  try {
    await link(source, target);
    return 'linked';
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return 'gone';
    if (code === 'EEXIST') return (await sameFile(source, target)) ? 'linked' : 'taken';
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw error;
  }
  // No hard links here: check and rename (one trigger owns the folder, so nobody else fills the name).
  if (await stat(target).then(() => true, () => false)) return 'taken';
  try {
    await rename(source, target);
    return 'renamed';
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'gone';
    throw error;
  }
}

/** The target is already a link to this very file: a crash came between linking and unlinking. */
async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [one, two] = await Promise.all([stat(a, { bigint: true }), stat(b, { bigint: true })]);
    return one.dev === two.dev && one.ino === two.ino;
  } catch {
    return false;
  }
}

function ignoreMissing(error: unknown): void {
  if (errorCode(error) !== 'ENOENT') throw error;
}

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
