// The field paths of a sample, worked out once per sample object and shared by the sample tree and the
// expression editor's completion, so neither walks the sample again on a keystroke. The walk itself is
// bounded (shared/jsonata/paths.ts), so even the first one costs the same for 100 KB as for 5 MB.
import { suggestPaths, type PathSuggestion } from '../../../shared/jsonata/paths.js';

const bySample = new WeakMap<object, readonly PathSuggestion[]>();

export function samplePaths(sample: unknown): readonly PathSuggestion[] {
  if (typeof sample !== 'object' || sample === null) return [];
  let paths = bySample.get(sample);
  if (paths === undefined) {
    paths = suggestPaths(sample);
    bySample.set(sample, paths);
  }
  return paths;
}
