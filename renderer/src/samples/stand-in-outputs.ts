// What the designer's sample propagation (./propagate.ts `standIn`) takes as the output of a node it
// does not run while designing: a flow test's `standIns` for it (what the node emits in place of
// running, the same stand-in `pipewright test` uses), else what a flow test expects it to emit (its
// pinned output). The first test that names the node wins.
import type { FlowDocument } from '../../../shared/flow/schema.js';

export function standInOutputs(doc: FlowDocument): Record<string, unknown[]> {
  const outputs: Record<string, unknown[]> = {};
  const tests = doc.tests ?? [];
  for (const test of tests) {
    for (const [nodeId, payloads] of Object.entries(test.standIns ?? {})) outputs[nodeId] ??= payloads;
  }
  for (const test of tests) {
    for (const [nodeId, payloads] of Object.entries(test.expect)) outputs[nodeId] ??= payloads;
  }
  return outputs;
}
