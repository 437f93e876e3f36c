// "New test from last run": the messages that entered at each trigger become the test's input and what
// reached each terminal node its expected outputs, read back from the service (`runs.get`, and
// `runs.steps` with a node id, whose `emitted` lists every payload the node emitted). A node that
// reaches outside and received one message in the run gets its emitted payloads as a stand-in, so the
// test replays it without calling the real system; one that received several cannot be stood in (a
// stand-in answers every message alike) and is named in the notes.
import type { FlowDocument, FlowTest } from '../../../shared/flow/schema.js';
import type { ApiClient } from '../api/client.js';
import { standInCandidates, triggerIds, uniqueTestName } from './test-model.js';

export interface TestFromRun {
  test: FlowTest;
  /** What the user should know about the new test (nodes it still calls, cut outputs). */
  notes: string[];
}

export async function testFromRun(client: ApiClient, doc: FlowDocument, runId: string, tests: readonly FlowTest[]): Promise<TestFromRun> {
  const report = await client.send('runs.get', { runId });
  const notes: string[] = [];
  const input: Record<string, unknown[]> = {};
  for (const id of triggerIds(doc)) {
    const { emitted } = await client.send('runs.steps', { runId, nodeId: id });
    if (emitted && emitted.length > 0) input[id] = emitted;
  }
  if (Object.keys(input).length === 0) throw new Error(`Run ${runId} kept no trigger message to use as the test's input (its trace mode may have left them out).`);

  const expect: Record<string, unknown[]> = {};
  for (const [nodeId, payloads] of Object.entries(report.outputs)) expect[nodeId] = payloads;
  if (report.outputsTruncated) notes.push('The run kept only the first of its outputs; the test expects those.');

  const standIns: Record<string, unknown[]> = {};
  for (const id of standInCandidates(doc)) {
    const { steps = [], emitted = [] } = await client.send('runs.steps', { runId, nodeId: id });
    const messages = new Set(steps.map((step) => step.messageId)).size;
    if (messages === 1) standIns[id] = emitted;
    else if (messages > 1) notes.push(`"${id}" received ${messages} messages in the run; a stand-in answers every message alike, so the test calls it for real. Add a stand-in by hand if one answer fits all.`);
  }

  const test: FlowTest = { name: uniqueTestName(tests, `Run ${runId}`), input, expect };
  if (Object.keys(standIns).length > 0) test.standIns = standIns;
  return { test, notes };
}
