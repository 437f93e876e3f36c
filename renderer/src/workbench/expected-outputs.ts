// What the workbench compares the live outputs with: the node's flow tests that expect something of
// it (`expect[nodeId]`, as "Pin as expected" stores them — ../samples/pin-expected.ts), and the verdict
// of each against the outputs of the shown samples. The live check runs this node alone on the samples
// it shows, which is what the pinned test's input gives it when the node is fed from the trigger; the
// full test (the whole flow) is still `pipewright test` or the designer's test run.
import type { FlowDocument } from '../../../shared/flow/schema.js';
import type { OutputView } from '../mapping/mapping-output-text.js';
import { jsonDiff, type JsonDifference } from './json-diff.js';

export interface ExpectingTest {
  name: string;
  expected: unknown[];
}

export function expectingTests(doc: FlowDocument, nodeId: string): ExpectingTest[] {
  return (doc.tests ?? []).flatMap((test) => {
    const expected: unknown = test.expect?.[nodeId];
    return Array.isArray(expected) ? [{ name: test.name, expected: expected as unknown[] }] : [];
  });
}

export type LiveVerdict = { state: 'pass' } | { state: 'fail'; differences: JsonDifference[] } | { state: 'unknown'; reason: string };

/**
 * The node's emitted outputs, as the engine would emit them: one per sample with a result (no result
 * drops the message). Undefined when an output is an error or too large to read back.
 */
export function emittedOutputs(views: readonly (OutputView | undefined)[]): { outputs: unknown[] } | { reason: string } {
  const outputs: unknown[] = [];
  for (const [index, view] of views.entries()) {
    if (view === undefined) return { reason: `message ${index + 1} could not be evaluated` };
    if (view.state === 'error') return { reason: `message ${index + 1} fails: ${view.text}` };
    if (view.state === 'empty') continue;
    try {
      outputs.push(JSON.parse(view.text) as unknown);
    } catch {
      return { reason: `the output of message ${index + 1} is too large to compare here` };
    }
  }
  return { outputs };
}

export function liveVerdict(test: ExpectingTest, emitted: { outputs: unknown[] } | { reason: string }): LiveVerdict {
  if ('reason' in emitted) return { state: 'unknown', reason: emitted.reason };
  const differences = jsonDiff(test.expected, emitted.outputs);
  return differences.length === 0 ? { state: 'pass' } : { state: 'fail', differences };
}
