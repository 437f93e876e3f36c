// The File ▸ Recent workspaces list: most recent first, no duplicates, at most MAX_RECENT entries.
import { resolve } from 'node:path';

export const MAX_RECENT = 10;

/** `folder` moved (or added) to the front. */
export function addRecent(list: readonly string[], folder: string, max: number = MAX_RECENT): string[] {
  const path = resolve(folder);
  return [path, ...list.filter((entry) => entry !== path)].slice(0, max);
}

export function removeRecent(list: readonly string[], folder: string): string[] {
  const path = resolve(folder);
  return list.filter((entry) => entry !== path);
}

/** A saved list read back from JSON: only absolute path strings survive, duplicates dropped. */
export function parseRecent(value: unknown, max: number = MAX_RECENT): string[] {
  if (!Array.isArray(value)) return [];
  const paths = value.filter((entry): entry is string => typeof entry === 'string' && entry !== '' && resolve(entry) === entry);
  return [...new Set(paths)].slice(0, max);
}
