// A small structural diff of two JSON values for the workbench's "expected vs actual": the paths
// (`[0].total`, `lines[2]`) where they differ, each with what was expected and what came out. Objects
// are compared key by key, arrays index by index (no move detection: a mapping's output keeps order).
// Pure, so it is unit-tested (test/unit/renderer/workbench-json-diff.test.ts).

export type DiffKind = 'changed' | 'missing' | 'extra';

export interface JsonDifference {
  /** Where, as a JSONata-like path; '' is the whole value. */
  path: string;
  kind: DiffKind;
  expected?: unknown;
  actual?: unknown;
}

/** At most this many differences are listed (a wholly different 5 MB output would list thousands). */
export const MAX_DIFFERENCES = 200;

export function jsonDiff(expected: unknown, actual: unknown, limit = MAX_DIFFERENCES): JsonDifference[] {
  const out: JsonDifference[] = [];
  walk(expected, actual, '', out, limit);
  return out;
}

function walk(expected: unknown, actual: unknown, path: string, out: JsonDifference[], limit: number): void {
  if (out.length >= limit) return;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const length = Math.max(expected.length, actual.length);
    for (let i = 0; i < length && out.length < limit; i += 1) {
      const at = `${path}[${i}]`;
      if (i >= actual.length) out.push({ path: at, kind: 'missing', expected: expected[i] });
      else if (i >= expected.length) out.push({ path: at, kind: 'extra', actual: actual[i] });
      else walk(expected[i], actual[i], at, out, limit);
    }
    return;
  }
  if (isObject(expected) && isObject(actual)) {
    for (const key of Object.keys(expected)) {
      if (out.length >= limit) return;
      const at = childPath(path, key);
      if (!Object.prototype.hasOwnProperty.call(actual, key)) out.push({ path: at, kind: 'missing', expected: expected[key] });
      else walk(expected[key], actual[key], at, out, limit);
    }
    for (const key of Object.keys(actual)) {
      if (out.length >= limit) return;
      if (!Object.prototype.hasOwnProperty.call(expected, key)) out.push({ path: childPath(path, key), kind: 'extra', actual: actual[key] });
    }
    return;
  }
  if (!Object.is(expected, actual)) out.push({ path, kind: 'changed', expected, actual });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `a.b`, or `` a.`first name` `` when the key is not a plain JSONata name. */
function childPath(parent: string, key: string): string {
  const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `\`${key}\``;
  return parent === '' ? name : `${parent}.${name}`;
}

/** One line per difference, for the diff list: "total: expected 3, got 4". */
export function describeDifference(difference: JsonDifference): string {
  const where = difference.path === '' ? 'the output' : difference.path;
  if (difference.kind === 'missing') return `${where}: expected ${short(difference.expected)}, missing`;
  if (difference.kind === 'extra') return `${where}: not expected, got ${short(difference.actual)}`;
  return `${where}: expected ${short(difference.expected)}, got ${short(difference.actual)}`;
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
