// New node ids: readable (`map`, `map-2`, `httpRequest`), valid under the flow id rule and unique.
import { ID_PATTERN } from '../../../shared/flow/schema.js';

/** `map` when free, else `map-2`, `map-3`, …; an id that already ends in `-N` counts on from its stem. */
export function uniqueId(wanted: string, taken: ReadonlySet<string>): string {
  const base = ID_PATTERN.test(wanted) ? wanted : 'node';
  if (!taken.has(base)) return base;
  const stem = base.replace(/-\d+$/, '') || base;
  for (let n = 2; ; n += 1) {
    const candidate = `${stem}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A node id from a kind title: "HTTP request" → `httpRequest`, "Map" → `map`. */
export function idFromTitle(title: string): string {
  const words = title.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const id = words.map((word, i) => (i === 0 ? word.toLowerCase() : word[0]?.toUpperCase() + word.slice(1).toLowerCase())).join('');
  return ID_PATTERN.test(id) ? id : 'node';
}
