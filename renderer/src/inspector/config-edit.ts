// Copy-on-write edits of a node's config for the form: set or clear the value at a path, rename a
// record key in place, add, remove and move list items. The result goes to the store as one
// `update-config` change, so undo/redo see whole configs.
import type { FieldPath } from './field-model.js';

type Container = Record<string, unknown> | unknown[];

/** The value at `path`, or undefined. */
export function getIn(value: unknown, path: FieldPath): unknown {
  let current = value;
  for (const part of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

/** A copy of `root` with `value` at `path`; `undefined` removes an object key (missing parents are created). */
export function setIn(root: Record<string, unknown>, path: FieldPath, value: unknown): Record<string, unknown> {
  return setInner(root, path, value) as Record<string, unknown>;
}

function setInner(node: unknown, path: FieldPath, value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const container: Container = Array.isArray(node) ? [...node] : typeof node === 'object' && node !== null ? { ...(node as Record<string, unknown>) } : typeof head === 'number' ? [] : {};
  const child = setInner((container as Record<string | number, unknown>)[head], rest, value);
  if (child === undefined && !Array.isArray(container)) delete container[head as string];
  else (container as Record<string | number, unknown>)[head] = child;
  return container;
}

/** Renames `from` to `to` keeping the key's place; refuses (returns undefined) when `to` is taken. */
export function renameKey(record: Record<string, unknown>, from: string, to: string): Record<string, unknown> | undefined {
  if (from === to) return record;
  if (Object.hasOwn(record, to)) return undefined;
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key === from ? to : key, value]));
}

/** A key not yet in `record`: `name`, `name-2`, `name-3`… */
export function freshKey(record: Record<string, unknown>, base: string): string {
  if (!Object.hasOwn(record, base)) return base;
  let n = 2;
  while (Object.hasOwn(record, `${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length || from === to) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

export function removeItem<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

/** What a text input's value becomes in the config: '' clears an optional field (its default applies). */
export function textValue(text: string, required: boolean): string | undefined {
  return text === '' && !required ? undefined : text;
}

/**
 * What a number input's text becomes: a number, `undefined` for an empty optional field, or the text
 * itself when it is not a number (kept so the schema explains what is wrong instead of it vanishing).
 */
export function numberValue(text: string, required: boolean): number | string | undefined {
  if (text.trim() === '') return required ? text : undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}
