// Palette search: a kind matches when every word of the query is in its title, type or description.
import type { NodeKind } from '../../../shared/catalog/index.js';

export function filterKinds(kinds: Iterable<NodeKind>, query: string): NodeKind[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return [...kinds].filter((kind) => {
    const text = `${kind.title} ${kind.type} ${kind.description}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
