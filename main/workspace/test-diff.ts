// A compact difference between what a flow test expected and what the node emitted: one line per
// differing path (`big[0].total: expected 120, got 119`), capped so a wholly wrong output stays short.
// The CLI prints these lines and the designer shows them under a failed test.
import { formatPath } from '../../shared/errors.js';

const MAX_LINES = 8;
const MAX_VALUE = 60;

export function isDeepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => isDeepEqual(item, b[i]));
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  return keys.length === Object.keys(rb).length && keys.every((key) => Object.hasOwn(rb, key) && isDeepEqual(ra[key], rb[key]));
}

export function showValue(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** Lines describing how `actual` differs from `expected`, each led by its path under `root`. */
export function diffLines(root: string, expected: unknown, actual: unknown): string[] {
  const lines: string[] = [];
  let more = 0;
  const walk = (path: PropertyKey[], exp: unknown, act: unknown): void => {
    if (isDeepEqual(exp, act)) return;
    if (lines.length >= MAX_LINES) {
      more++;
      return;
    }
    const at = path.length === 0 ? root : `${root}${formatPath(['_', ...path]).slice(1)}`;
    const bothArrays = Array.isArray(exp) && Array.isArray(act);
    const bothObjects = !bothArrays && isRecord(exp) && isRecord(act);
    if (bothArrays) {
      if (exp.length !== act.length) lines.push(`${at}: expected ${count(exp.length)}, got ${act.length}`);
      for (let i = 0; i < Math.max(exp.length, act.length); i++) walk([...path, i], exp[i], act[i]);
    } else if (bothObjects) {
      for (const key of new Set([...Object.keys(exp), ...Object.keys(act)])) {
        walk([...path, key], Object.hasOwn(exp, key) ? exp[key] : undefined, Object.hasOwn(act, key) ? act[key] : undefined);
      }
    } else {
      lines.push(`${at}: expected ${showValue(exp)}, got ${showValue(act)}`);
    }
  };
  walk([], expected, actual);
  if (more > 0) lines.push(`…and ${more} more differences`);
  return lines;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function count(n: number): string {
  return `${n} item${n === 1 ? '' : 's'}`;
}
