// A small JSON printer with the layout of JSON.stringify(value, null, 2), plus two things it cannot
// do: keys in an order chosen per object, and short arrays of numbers on one line (`[260, 0]`).
// Callers build a JsonTree (choosing key order) and render it.

export type JsonTree =
  | { kind: 'scalar'; text: string }
  | { kind: 'object'; entries: Array<[string, JsonTree]> }
  | { kind: 'array'; items: JsonTree[]; inline?: boolean };

export function renderJson(tree: JsonTree, indent = ''): string {
  if (tree.kind === 'scalar') return tree.text;
  const inner = `${indent}  `;
  if (tree.kind === 'array') {
    if (tree.items.length === 0) return '[]';
    if (tree.inline && tree.items.every((item) => item.kind === 'scalar')) return `[${tree.items.map((item) => renderJson(item)).join(', ')}]`;
    return `[\n${tree.items.map((item) => inner + renderJson(item, inner)).join(',\n')}\n${indent}]`;
  }
  if (tree.entries.length === 0) return '{}';
  const lines = tree.entries.map(([key, value]) => `${inner}${JSON.stringify(key)}: ${renderJson(value, inner)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

/**
 * A value as JSON.stringify would see it, keeping each object's own key order. Undefined (and
 * functions, symbols) come back undefined: callers omit them from objects, arrays hold null instead.
 */
export function jsonTree(value: unknown, seen: Set<object> = new Set()): JsonTree | undefined {
  const plain = toJsonValue(value);
  if (plain === undefined || typeof plain === 'function' || typeof plain === 'symbol') return undefined;
  if (typeof plain !== 'object' || plain === null) return scalar(plain);
  if (seen.has(plain)) throw new TypeError('Cannot serialise a value that contains itself.');
  seen.add(plain);
  const tree: JsonTree = Array.isArray(plain)
    ? { kind: 'array', items: plain.map((item: unknown) => jsonTree(item, seen) ?? scalar(null)) }
    : { kind: 'object', entries: objectEntries(plain as Record<string, unknown>, Object.keys(plain), seen) };
  seen.delete(plain);
  return tree;
}

/** Entries for `keys` of `object`, skipping undefined values. */
export function objectEntries(
  object: Record<string, unknown>,
  keys: ReadonlyArray<string>,
  seen: Set<object> = new Set(),
  tree: (value: unknown, key: string) => JsonTree | undefined = (value) => jsonTree(value, seen),
): Array<[string, JsonTree]> {
  const entries: Array<[string, JsonTree]> = [];
  for (const key of keys) {
    if (!Object.hasOwn(object, key) || object[key] === undefined) continue;
    const child = tree(object[key], key);
    if (child !== undefined) entries.push([key, child]);
  }
  return entries;
}

export function scalar(value: unknown): JsonTree {
  return { kind: 'scalar', text: JSON.stringify(value) ?? 'null' };
}

/** Code-unit order, the same in every locale. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toJsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') throw new TypeError('Cannot serialise a BigInt as JSON.');
  const toJSON = typeof value === 'object' && value !== null ? (value as { toJSON?: unknown }).toJSON : undefined;
  return typeof toJSON === 'function' ? (toJSON as () => unknown).call(value) : value;
}
