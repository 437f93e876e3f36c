// The node's input messages, kept by identity while nothing upstream of the node changed. The worked-out
// input (../samples/use-node-input.ts) comes back from a worker as fresh objects after every edit —
// the node's own expression included — and a fresh 5 MB object would be stringified and re-sent to the
// evaluation workers on each keystroke. The node's input does not depend on its own config, so a new
// answer is taken only when the samples, the edges or another node changed since the last one taken.
import { useRef } from 'react';
import type { FlowDocument } from '../../../shared/flow/schema.js';

interface Adopted {
  key: readonly unknown[];
  samples: readonly unknown[];
}

export function useStableSamples(doc: FlowDocument, nodeId: string, samples: readonly unknown[]): readonly unknown[] {
  const adopted = useRef<Adopted | undefined>(undefined);
  const key = [doc.samples, doc.edges, doc.settings, ...doc.nodes.filter((node) => node.id !== nodeId)];
  const previous = adopted.current;
  if (previous === undefined || previous.samples.length === 0 || (samples !== previous.samples && !sameItems(previous.key, key))) {
    adopted.current = { key, samples };
    return samples;
  }
  return previous.samples;
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
