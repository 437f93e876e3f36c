// "Pin as expected": a node's output on the current samples becomes a flow test, so `pipewright test`
// (and the designer's test run) keep checking it. The output is never computed here: pinning test-runs
// the document on exactly the input the test will hold and reads what the engine recorded for the node
// (`runs.steps` → `emitted`, the same emissions `pipewright test` compares: every output port, not
// `rejected`, `invalid` or `error`). This file is the pure part: which input, whether the run's answer
// may be pinned, and the test and change it becomes.
import { getNodeKind } from '../../../shared/catalog/index.js';
import type { ErrorData } from '../../../shared/errors.js';
import type { FlowDocument, FlowTest } from '../../../shared/flow/schema.js';
import type { DeadLetterSummary, RunStatus } from '../../../shared/runs.js';
import type { FlowChange } from '../canvas/changes.js';
import { feedingTrigger, isTrigger } from './sample-source.js';

/** Messages per trigger a pin keeps: a bigger sample pins its first ones (the test stores them all). */
export const MAX_PINNED_MESSAGES = 100;

export interface PinPlan {
  /** The test's input: messages per trigger id, in flow order of the triggers. */
  inputs: Record<string, unknown[]>;
  /** Some trigger's sample was longer than MAX_PINNED_MESSAGES and was cut. */
  truncated: boolean;
  /** HTTP nodes the test run reaches: pinning (and the test) calls their real APIs. */
  callsApis: string[];
}

/** What pinning would run on, or why it cannot pin this node. */
export function pinPlan(doc: FlowDocument, nodeId: string, maxMessages = MAX_PINNED_MESSAGES): PinPlan | { reason: string } {
  const node = doc.nodes.find((candidate) => candidate.id === nodeId);
  if (node === undefined) return { reason: `There is no node "${nodeId}".` };
  const triggers = feedingTriggers(doc, nodeId);
  if (triggers.length === 0) return { reason: 'Connect this node to a trigger (directly or through other nodes) to pin its output as a test.' };

  let inputs: Record<string, unknown[]> = {};
  for (const triggerId of triggers) {
    const sample = doc.samples?.[triggerId];
    if (sample !== undefined && sample.length > 0) inputs[triggerId] = sample;
  }
  // A node fed straight from a trigger without a sample: the node's own sample is what it receives.
  const direct = feedingTrigger(doc, nodeId);
  const own = doc.samples?.[nodeId];
  if (Object.keys(inputs).length === 0 && direct !== undefined && own !== undefined && own.length > 0) inputs = { [direct]: own };
  if (Object.keys(inputs).length === 0) {
    const names = triggers.map((id) => `"${nameOf(doc, id)}"`).join(' or ');
    return { reason: direct === undefined || isTrigger(doc, nodeId) ? `Give ${names} a sample first.` : `Give ${names} (or this node) a sample first.` };
  }

  // Not cloned: the plan is worked out on every render, and a sample may be megabytes (pinnedTest copies).
  let truncated = false;
  for (const [triggerId, messages] of Object.entries(inputs)) {
    if (messages.length > maxMessages) truncated = true;
    inputs[triggerId] = messages.slice(0, maxMessages);
  }
  const reached = downstreamOf(doc, Object.keys(inputs));
  const callsApis = doc.nodes.filter((candidate) => reached.has(candidate.id) && getNodeKind(candidate.type)?.effects === 'external').map((candidate) => candidate.id);
  return { inputs, truncated, callsApis };
}

/** Triggers with a path to `nodeId` (over any port), in flow order; a trigger feeds itself. */
export function feedingTriggers(doc: FlowDocument, nodeId: string): string[] {
  const upstream = upstreamOf(doc, nodeId);
  return doc.nodes.filter((node) => upstream.has(node.id) && isTrigger(doc, node.id)).map((node) => node.id);
}

/** `nodeId` and every node with a path to it. */
export function upstreamOf(doc: FlowDocument, nodeId: string): Set<string> {
  return reachable(doc, [nodeId], 'up');
}

function downstreamOf(doc: FlowDocument, nodeIds: string[]): Set<string> {
  return reachable(doc, nodeIds, 'down');
}

function reachable(doc: FlowDocument, start: string[], direction: 'up' | 'down'): Set<string> {
  const next = new Map<string, string[]>();
  for (const edge of doc.edges) {
    const [from, to] = direction === 'up' ? [edge.to, edge.from] : [edge.from, edge.to];
    const list = next.get(from);
    if (list) list.push(to);
    else next.set(from, [to]);
  }
  const seen = new Set(start);
  const stack = [...start];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    for (const neighbour of next.get(id) ?? []) {
      if (seen.has(neighbour)) continue;
      seen.add(neighbour);
      stack.push(neighbour);
    }
  }
  return seen;
}

/** What the test run left to judge: its report's status and dead letters, its drive error, the node's emissions. */
export interface PinRunResult {
  status: RunStatus;
  dead: readonly DeadLetterSummary[];
  /** Set when the run could not be driven to its end. */
  error?: ErrorData;
  emitted: unknown[];
}

/**
 * The outputs to pin, or why not. A message dead-lettered at the node or before it means its output
 * is missing one; failures only after it or on another branch do not change what it emitted.
 */
export function pinOutcome(doc: FlowDocument, nodeId: string, run: PinRunResult): { outputs: unknown[] } | { reason: string } {
  if (run.error) return { reason: `Not pinned: the test run could not finish (${run.error.message}).` };
  if (run.status === 'running' || run.status === 'interrupted') return { reason: 'Not pinned: the test run was stopped before it finished.' };
  const upstream = upstreamOf(doc, nodeId);
  const failed = run.dead.find((dead) => upstream.has(dead.nodeId));
  if (failed) {
    const where = failed.nodeId === nodeId ? 'this node' : `"${nameOf(doc, failed.nodeId)}"`;
    return { reason: `Not pinned: a message failed at ${where}: ${failed.error.code} ${failed.error.message}` };
  }
  return { outputs: run.emitted };
}

/**
 * What the node's output depends on, as text: nodes (without layout and names), edges, settings and
 * the pin's input. A pin whose key changed while its run went on would store a stale output.
 */
export function pinKey(doc: FlowDocument, plan: PinPlan): string {
  const nodes = doc.nodes.map(({ id, type, config, retry, queueLimit }) => ({ id, type, config, retry, queueLimit }));
  return JSON.stringify({ nodes, edges: doc.edges, settings: doc.settings, inputs: plan.inputs });
}

export function pinnedTestName(doc: FlowDocument, nodeId: string): string {
  return `${nameOf(doc, nodeId)} output`;
}

/** The test for `outputs` (the node's emitted payloads for `plan.inputs`, in order). */
export function pinnedTest(doc: FlowDocument, nodeId: string, plan: Pick<PinPlan, 'inputs'>, outputs: unknown[]): FlowTest {
  return { name: pinnedTestName(doc, nodeId), input: structuredClone(plan.inputs), expect: { [nodeId]: structuredClone(outputs) } };
}

/** The change that adds `test`, or replaces the test of the same name where it stands. */
export function putTestChange(doc: FlowDocument, test: FlowTest): FlowChange {
  const tests = doc.tests ?? [];
  const index = tests.findIndex((existing) => existing.name === test.name);
  return { type: 'set-tests', tests: index === -1 ? [...tests, test] : tests.map((existing, i) => (i === index ? test : existing)) };
}

/** Pinning runs the flow for real: which HTTP nodes will call their APIs (and will in `pipewright test`). */
export function apiCallNote(doc: FlowDocument, nodeId: string, httpNodes: readonly string[]): string | undefined {
  if (httpNodes.length === 0) return undefined;
  const names = httpNodes.map((id) => `"${nameOf(doc, id)}"`);
  const who = httpNodes.length === 1 && httpNodes[0] === nodeId ? 'this node' : names.length === 1 ? `the HTTP request ${names[0]}` : `the HTTP requests ${names.join(', ')}`;
  return `Pinning test-runs the flow, so ${who} calls the real API (and will again each time the test runs).`;
}

function nameOf(doc: FlowDocument, nodeId: string): string {
  return doc.nodes.find((node) => node.id === nodeId)?.name ?? nodeId;
}
