// "Pin as expected": the node's current output on its sample becomes a flow test, so `pipewright test`
// (and the designer's test run) keep checking it. Kept to the case where that is exactly right: a Map
// node fed straight from a trigger. Its test input is the trigger's samples (or, when the trigger has
// none, the Map's own sample, which is then what the trigger must emit), and the expected output is
// the Map's result for each of those messages, evaluated by the engine's own evaluator.
import type { FlowDocument, FlowTest } from '../../../shared/flow/schema.js';
import type { FlowChange } from '../canvas/changes.js';
import { feedingTrigger } from './sample-source.js';

export interface PinPlan {
  triggerId: string;
  /** Messages the trigger emits in the test; the node's output is evaluated on each of them. */
  messages: unknown[];
}

/** What pinning would run on, or why it cannot pin this node. */
export function pinPlan(doc: FlowDocument, nodeId: string): PinPlan | { reason: string } {
  const node = doc.nodes.find((candidate) => candidate.id === nodeId);
  if (node === undefined) return { reason: `There is no node "${nodeId}".` };
  if (node.type !== 'transform.map') return { reason: 'Pin as expected works for Map nodes; run the flow to check the others.' };
  const triggerId = feedingTrigger(doc, nodeId);
  if (triggerId === undefined) return { reason: 'Connect this Map straight to a trigger to pin its output as a test.' };
  const fromTrigger = doc.samples?.[triggerId];
  if (fromTrigger !== undefined && fromTrigger.length > 0) return { triggerId, messages: fromTrigger };
  const own = doc.samples?.[nodeId];
  if (own !== undefined && own.length > 0) return { triggerId, messages: own };
  return { reason: 'Give the trigger (or this node) a sample first.' };
}

export function pinnedTestName(doc: FlowDocument, nodeId: string): string {
  const node = doc.nodes.find((candidate) => candidate.id === nodeId);
  return `${node?.name ?? nodeId} output`;
}

/** The test for `outputs` (the node's emitted payloads for `plan.messages`, in order). */
export function pinnedTest(doc: FlowDocument, nodeId: string, plan: PinPlan, outputs: unknown[]): FlowTest {
  return { name: pinnedTestName(doc, nodeId), input: { [plan.triggerId]: structuredClone(plan.messages) }, expect: { [nodeId]: structuredClone(outputs) } };
}

/** The change that adds `test`, or replaces the test of the same name where it stands. */
export function putTestChange(doc: FlowDocument, test: FlowTest): FlowChange {
  const tests = doc.tests ?? [];
  const index = tests.findIndex((existing) => existing.name === test.name);
  return { type: 'set-tests', tests: index === -1 ? [...tests, test] : tests.map((existing, i) => (i === index ? test : existing)) };
}

/**
 * The Map node's emitted payloads from its evaluation answers: a result is emitted, "no result" ends
 * the message (see main/engine/nodes/transform-map.ts). Undefined when one of them failed.
 */
export function mapOutputs(answers: ReadonlyArray<{ ok: boolean; hasResult?: boolean; result?: unknown }>): unknown[] | undefined {
  if (answers.some((answer) => !answer.ok)) return undefined;
  return answers.filter((answer) => answer.hasResult === true).map((answer) => answer.result);
}
