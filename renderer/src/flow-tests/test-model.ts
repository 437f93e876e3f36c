// The flow tests editor's pure part: the edits a user makes to the flow's `tests` (rename, duplicate,
// delete, replace one), a new test from the trigger samples, and the JSON text of a test's input,
// expected outputs and stand-ins read back with messages that say what is wrong and where. Every edit
// returns the new list, which goes to the flow store as one undoable change (`setTests`).
import { getNodeKind } from '../../../shared/catalog/index.js';
import type { FlowDocument, FlowTest } from '../../../shared/flow/schema.js';
import { parseSampleJson } from '../samples/sample-json.js';

/** The three parts of a test edited as JSON text, each a record of payload lists by node id. */
export type TestPart = 'input' | 'expect' | 'standIns';

export const PART_LABELS: Record<TestPart, string> = {
  input: 'Input (messages per trigger)',
  expect: 'Expected outputs (payloads per node, in order)',
  standIns: 'Stand-ins (what a node that reaches outside emits instead, per message it receives)',
};

/** `base`, or `base 2`, `base 3`… — the first name no test has. */
export function uniqueTestName(tests: readonly FlowTest[], base: string): string {
  const taken = new Set(tests.map((test) => test.name));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`)) return `${base} ${n}`;
}

/** Why a test cannot be renamed to `name`, or undefined when it can. */
export function nameProblem(tests: readonly FlowTest[], index: number, name: string): string | undefined {
  if (name.trim() === '') return 'A test needs a name.';
  if (tests.some((test, other) => other !== index && test.name === name.trim())) return `Another test is already called "${name.trim()}".`;
  return undefined;
}

export function replaceTest(tests: readonly FlowTest[], index: number, test: FlowTest): FlowTest[] {
  return tests.map((current, at) => (at === index ? test : current));
}

export function deleteTest(tests: readonly FlowTest[], index: number): FlowTest[] | undefined {
  const rest = tests.filter((_, at) => at !== index);
  // No `tests: []` left behind in the file.
  return rest.length === 0 ? undefined : rest;
}

export function duplicateTest(tests: readonly FlowTest[], index: number): FlowTest[] {
  const original = tests[index];
  if (!original) return [...tests];
  const copy: FlowTest = { ...structuredClone(original), name: uniqueTestName(tests, `${original.name} (copy)`) };
  return [...tests.slice(0, index + 1), copy, ...tests.slice(index + 1)];
}

export function triggerIds(doc: FlowDocument): string[] {
  return doc.nodes.filter((node) => getNodeKind(node.type)?.isTrigger === true).map((node) => node.id);
}

/** Nodes a stand-in may replace: those that reach outside (HTTP, SQL, files). */
export function standInCandidates(doc: FlowDocument): string[] {
  return doc.nodes.filter((node) => getNodeKind(node.type)?.effects === 'external').map((node) => node.id);
}

/** A test whose input is every trigger's sample, expecting nothing yet; undefined when no trigger has a sample. */
export function testFromSamples(doc: FlowDocument, tests: readonly FlowTest[]): FlowTest | undefined {
  const input: Record<string, unknown[]> = {};
  for (const id of triggerIds(doc)) {
    const sample = doc.samples?.[id];
    if (sample && sample.length > 0) input[id] = structuredClone(sample);
  }
  if (Object.keys(input).length === 0) return undefined;
  return { name: uniqueTestName(tests, 'Samples'), input, expect: {} };
}

/** The part as the editor shows it: pretty JSON, `{}` when absent. */
export function partText(test: FlowTest, part: TestPart): string {
  return JSON.stringify(test[part] ?? {}, null, 2);
}

export type PartParse = { ok: true; value: Record<string, unknown[]> } | { ok: false; message: string };

/**
 * The text of a part read back: JSON (a syntax error says its line and column), an object whose keys
 * are node ids of this flow (triggers for the input, nodes that reach outside for stand-ins) and whose
 * values are lists of payloads.
 */
export function parsePart(text: string, part: TestPart, doc: FlowDocument): PartParse {
  const label = PART_LABELS[part].replace(/ \(.*$/, '');
  const parsed = parseSampleJson(text);
  if (!parsed.ok) return { ok: false, message: `${label}: ${parsed.message}` };
  const value = parsed.value ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: `${label}: give an object of node ids, e.g. { "${doc.nodes[0]?.id ?? 'node'}": [ … ] }.` };
  const allowed = part === 'input' ? triggerIds(doc) : part === 'standIns' ? standInCandidates(doc) : doc.nodes.map((node) => node.id);
  const [what, whats] = part === 'input' ? ['trigger', 'triggers'] : part === 'standIns' ? ['node that reaches outside', 'nodes that reach outside'] : ['node', 'nodes'];
  for (const [key, payloads] of Object.entries(value)) {
    if (!allowed.includes(key)) {
      const choices = allowed.length === 0 ? `this flow has no ${what}` : `the ${whats} are ${allowed.map((id) => `"${id}"`).join(', ')}`;
      return { ok: false, message: `${label}: "${key}" is not a ${what} of this flow; ${choices}.` };
    }
    if (!Array.isArray(payloads)) return { ok: false, message: `${label}: "${key}" must be a list of payloads, [ … ].` };
  }
  return { ok: true, value: value as Record<string, unknown[]> };
}

/** The test with the part replaced; an empty stand-ins object removes the key. */
export function withPart(test: FlowTest, part: TestPart, value: Record<string, unknown[]>): FlowTest {
  if (part !== 'standIns') return { ...test, [part]: value };
  const { standIns: _old, ...rest } = test;
  return Object.keys(value).length === 0 ? rest : { ...rest, standIns: value };
}
