// The two registries of node kinds — the catalog (shared/catalog, what the designer and validator
// know) and the executors (main/engine/nodes, what the engine can run) — must name the same kinds:
// adding a kind is its two files plus one registry line on each side, and this test catches the
// side that was forgotten.
import { describe, expect, it } from 'vitest';
import { nodeCatalog } from '../../../shared/catalog/index.js';
import { nodeExecutors } from '../../../main/engine/nodes/index.js';

describe('node kind registries', () => {
  it('gives every catalog kind an executor and every executor a catalog kind', () => {
    const catalog = [...nodeCatalog.keys()].sort();
    const executors = [...nodeExecutors.keys()].sort();
    expect(executors).toEqual(catalog);
  });

  it('registers each executor under the type it declares', () => {
    for (const [type, executor] of nodeExecutors) expect(executor.type).toBe(type);
    for (const [type, kind] of nodeCatalog) expect(kind.type).toBe(type);
  });

  it('makes every kind declare its effects, and only kinds that reach other systems external', () => {
    const external = [...nodeCatalog.values()].filter((kind) => kind.effects === 'external').map((kind) => kind.type);
    for (const kind of nodeCatalog.values()) expect(['none', 'external']).toContain(kind.effects);
    expect(external).toContain('http.request');
    expect(external).not.toContain('transform.map');
  });
});
