// Field paths taken from a sample payload, for the mapping editor's completion and its input tree.
// Arrays are flattened the way JSONata navigates them: `lines.qty` reaches `qty` in every element of
// `lines`, so element indexes never appear in a suggestion. Names JSONata cannot read bare are quoted
// with backticks. The walk is bounded (depth, elements looked at, results) so a 5 MB sample stays fast.

export type SampleValueType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

export interface PathSuggestion {
  /** The path as it is typed in an expression, e.g. `lines.qty` or `` `first name` ``. */
  path: string;
  type: SampleValueType;
  /** A short rendering of the first value seen at this path. */
  preview: string;
}

export interface SuggestPathsOptions {
  /** Deepest path returned (in segments). */
  maxDepth?: number;
  /** Elements of each array that are looked at for field names. */
  maxArrayItems?: number;
  /** Most suggestions returned. */
  maxResults?: number;
}

const DEFAULTS = { maxDepth: 8, maxArrayItems: 50, maxResults: 1000 };
const PREVIEW_LENGTH = 40;
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Words JSONata reads as operators or literals; a field with such a name must be quoted. */
const RESERVED = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);

/** Every field path in `sample`, parents before children; with `prefix`, only those starting with it (case-insensitive). */
export function suggestPaths(sample: unknown, prefix = '', options: SuggestPathsOptions = {}): PathSuggestion[] {
  const limits = { ...DEFAULTS, ...options };
  const found = new Map<string, PathSuggestion>();
  const visit = (value: unknown, path: string, depth: number): void => {
    if (found.size >= limits.maxResults || depth > limits.maxDepth) return;
    for (const [key, values] of fieldsOf(value, limits.maxArrayItems)) {
      const name = quoteName(key);
      if (name === undefined) continue;
      const childPath = path === '' ? name : `${path}.${name}`;
      if (!found.has(childPath)) {
        if (found.size >= limits.maxResults) return;
        found.set(childPath, { path: childPath, type: typeOf(values[0]), preview: previewOf(values[0]) });
      }
      // Every value seen under this name, as one array: fields that only some elements have still show.
      visit(values.length === 1 ? values[0] : values, childPath, depth + 1);
    }
  };
  visit(sample, '', 1);
  return filterPaths([...found.values()], prefix);
}

/** The suggestions that start with `prefix` (case-insensitive, quotes ignored): for paths worked out once per sample. */
export function filterPaths(paths: readonly PathSuggestion[], prefix: string): PathSuggestion[] {
  if (prefix === '') return [...paths];
  const wanted = prefix.toLowerCase();
  return paths.filter((s) => s.path.toLowerCase().startsWith(wanted) || s.path.replaceAll('`', '').toLowerCase().startsWith(wanted));
}

/** How `key` is written in a JSONata path; undefined when it cannot be (a backtick inside the name). */
export function quoteName(key: string): string | undefined {
  if (PLAIN_NAME.test(key) && !RESERVED.has(key)) return key;
  if (key.includes('`')) return undefined;
  return `\`${key}\``;
}

/**
 * The fields of an object, or of the objects inside an array (nested arrays flattened), in first-seen
 * order, each with every value seen under that name.
 */
function fieldsOf(value: unknown, maxArrayItems: number): Map<string, unknown[]> {
  const fields = new Map<string, unknown[]>();
  if (Array.isArray(value)) {
    for (const item of value.slice(0, maxArrayItems)) {
      for (const [key, values] of fieldsOf(item, maxArrayItems)) {
        const list = fields.get(key);
        if (list === undefined) fields.set(key, [...values]);
        else if (list.length < maxArrayItems) list.push(...values);
      }
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) fields.set(key, [child]);
  }
  return fields;
}

function typeOf(value: unknown): SampleValueType {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return typeof value as SampleValueType;
  return 'string';
}

function previewOf(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length} item${value.length === 1 ? '' : 's'}]`;
  if (typeof value === 'object' && value !== null) {
    const count = Object.keys(value).length;
    return `{${count} field${count === 1 ? '' : 's'}}`;
  }
  const text = value === undefined ? 'null' : JSON.stringify(value);
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
}
