// The sample input as a tree of fields for the mapping editor: each field knows the JSONata path that
// reaches it (`lines.qty`, `` `first name` ``), the same paths completion offers, so clicking one
// inserts exactly what could be typed. Built from shared/jsonata/paths.ts (bounded for big samples).
import { suggestPaths, type SampleValueType, type SuggestPathsOptions } from '../../../shared/jsonata/paths.js';
import { samplePaths } from './sample-paths.js';

export interface SampleTreeNode {
  /** The field's own name as JSONata writes it (quoted when needed). */
  name: string;
  /** The full path to insert. */
  path: string;
  type: SampleValueType;
  preview: string;
  children: SampleTreeNode[];
}

export function sampleTree(sample: unknown, options: SuggestPathsOptions = {}): SampleTreeNode[] {
  const roots: SampleTreeNode[] = [];
  const byPath = new Map<string, SampleTreeNode>();
  // Parents come before their children in suggestPaths' answer, so each parent is already placed.
  // Default limits: the paths completion uses too, worked out once per sample.
  const suggestions = Object.keys(options).length === 0 ? samplePaths(sample) : suggestPaths(sample, '', options);
  for (const suggestion of suggestions) {
    const split = lastDot(suggestion.path);
    const parentPath = split === -1 ? '' : suggestion.path.slice(0, split);
    const node: SampleTreeNode = { name: suggestion.path.slice(split + 1), path: suggestion.path, type: suggestion.type, preview: suggestion.preview, children: [] };
    byPath.set(node.path, node);
    const parent = parentPath === '' ? undefined : byPath.get(parentPath);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** Index of the last `.` that separates path segments (not one inside a backtick-quoted name). */
function lastDot(path: string): number {
  let quoted = false;
  let last = -1;
  for (let i = 0; i < path.length; i += 1) {
    if (path[i] === '`') quoted = !quoted;
    else if (path[i] === '.' && !quoted) last = i;
  }
  return last;
}
