// The flows list (`flows.list`), cheap to ask for again. Listing means reading, hashing and validating
// every flow file (a 5 MB sample, 1,000 expressions to compile), so each file's item is kept with the
// file's stat stamp: an unchanged file is neither read nor validated again, and a file whose bytes
// hash to the revision already listed is not validated again. The list stays what a fresh read would
// give: the problem count comes from the same validation `flows.get` runs.
import { readdirSync, statSync, type BigIntStats } from 'node:fs';
import { join } from 'node:path';
import type { FlowListItem } from '../../shared/api/flows.js';
import { FLOW_FILE_SUFFIX } from '../../shared/flow/parse.js';
import { ID_PATTERN } from '../../shared/flow/schema.js';
import { checkSavedFlowText, readFlowText } from '../workspace/flow-file.js';
import { flowsFolder } from '../workspace/flow-paths.js';
import { revisionOf } from '../workspace/revision.js';

/**
 * A file changed within this long of being listed may change again without its stamp changing
 * (timestamps tick in steps of a few milliseconds, of seconds on some file systems), so its entry is
 * checked against the file's bytes on the next list; older entries are trusted on their stamp.
 */
const RACY_MS = 2_000;

interface Entry {
  /** inode, size, mtime and ctime in nanoseconds: an atomic save (rename) or an edit in place changes it. */
  stamp: string;
  item: FlowListItem;
  /** Changed too recently for the stamp alone to prove it unchanged. */
  racy: boolean;
}

export interface FlowListOptions {
  /** Reads a flow file; tests count the reads. */
  read?: (path: string) => string | undefined;
  now?: () => number;
}

export type FlowList = () => FlowListItem[];

export function createFlowList(workspace: string, options: FlowListOptions = {}): FlowList {
  const read = options.read ?? readFlowText;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  return () => {
    const folder = flowsFolder(workspace);
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      entries.clear();
      return [];
    }
    const listedAt = now();
    const items: FlowListItem[] = [];
    const seen = new Set<string>();
    for (const name of names.sort()) {
      const id = name.slice(0, -FLOW_FILE_SUFFIX.length);
      if (!name.endsWith(FLOW_FILE_SUFFIX) || !ID_PATTERN.test(id)) continue;
      const path = join(folder, name);
      // Stat before reading: a write in between changes the stamp, so the next list reads it again.
      const stats = statIfFile(path);
      if (!stats) continue;
      const stamp = `${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
      const cached = entries.get(id);
      if (cached && cached.stamp === stamp && !cached.racy) {
        seen.add(id);
        items.push(cached.item);
        continue;
      }
      const text = read(path);
      if (text === undefined) continue; // deleted since the folder was read
      const modifiedAt = stats.mtime.toISOString();
      const revision = revisionOf(text);
      const item = cached?.item.revision === revision ? { ...cached.item, modifiedAt } : listItem(id, text, revision, modifiedAt);
      entries.set(id, { stamp, item, racy: Number(stats.mtimeMs) > listedAt - RACY_MS });
      seen.add(id);
      items.push(item);
    }
    for (const id of entries.keys()) if (!seen.has(id)) entries.delete(id);
    return items;
  };
}

function statIfFile(path: string): BigIntStats | undefined {
  try {
    const stats = statSync(path, { bigint: true });
    return stats.isFile() ? stats : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The item of one file, its problems counted as `flows.get` finds them. */
function listItem(id: string, text: string, revision: string, modifiedAt: string): FlowListItem {
  const { json, problems } = checkSavedFlowText(id, text);
  const record = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const item: FlowListItem = {
    id,
    name: typeof record.name === 'string' && record.name !== '' ? record.name : id,
    nodeCount: Array.isArray(record.nodes) ? record.nodes.length : 0,
    problemCount: problems.length,
    revision,
    modifiedAt,
  };
  if (typeof record.description === 'string') item.description = record.description;
  return item;
}
