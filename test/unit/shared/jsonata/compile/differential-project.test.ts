// Differential proof of the JSONata compiler on the project's own expressions: every JSONata field of every
// node (the catalog's jsonataFields, `{{ }}` templates split as the engine splits them) in
// assets/examples/*.flow.json and test/fixtures/**/*.flow.json, evaluated by jsonata 2.x and by the
// compiled closure against the messages that node sees in the flow's samples, tests and input files.
// A node's messages are its upstream trigger's samples/test inputs/input file, or the expected outputs the
// flow's tests give for its upstream node; a node with none of those gets every message of its flow.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { getNodeKind } from '../../../../../shared/catalog/index.js';
import { parseTemplate } from '../../../../../shared/jsonata/template.js';
import { CoverageReport, disagreement, evaluateCompiled, evaluateReference, compiler, TEST_LIMITS } from './compare.js';

const ROOT = new URL('../../../../../', import.meta.url);
/** Messages per node: enough to cover a flow's sample variety, few enough to keep the test quick. */
const MESSAGES_PER_NODE = 6;
/** What the engine binds as `$meta` for a mapping (main/engine/nodes/transform-map.ts), so the bindings path is exercised too. */
const BINDINGS = { meta: { source: 'differential-test', receivedAt: '2025-12-01T12:00:00.000Z' } };

interface FlowFile {
  nodes?: Array<{ id?: unknown; type?: unknown; config?: unknown }>;
  edges?: Array<{ from?: unknown; to?: unknown }>;
  samples?: Record<string, unknown[]>;
  tests?: Array<{ input?: Record<string, unknown[]>; expect?: Record<string, unknown[]> }>;
}

interface HarvestedCase {
  name: string;
  expression: string;
  input: unknown;
}

function flowFiles(): string[] {
  const examples = readdirSync(new URL('assets/examples/', ROOT)).filter((name) => name.endsWith('.flow.json')).map((name) => `assets/examples/${name}`);
  const fixtures = readdirSync(new URL('test/fixtures/', ROOT), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.flow.json'))
    .map((name) => `test/fixtures/${name}`);
  return [...examples, ...fixtures].sort();
}

/** Messages from `<flow>.input.json` (one message, or an array of them) and `<flow>.*.jsonl` beside the flow. */
function inputFileMessages(flowPath: string): unknown[] {
  const base = flowPath.slice(0, -'.flow.json'.length);
  const messages: unknown[] = [];
  const inputJson = new URL(`${base}.input.json`, ROOT);
  if (existsSync(inputJson)) {
    const document: unknown = JSON.parse(readFileSync(inputJson, 'utf8'));
    messages.push(...(Array.isArray(document) ? document : [document]));
  }
  const folder = new URL('.', new URL(flowPath, ROOT));
  const prefix = `${base.split('/').pop() ?? ''}.`;
  for (const name of readdirSync(folder).filter((file) => file.startsWith(prefix) && file.endsWith('.jsonl'))) {
    const lines = readFileSync(new URL(name, folder), 'utf8').split('\n').filter((line) => line.trim() !== '');
    messages.push(...lines.slice(0, MESSAGES_PER_NODE).map((line) => JSON.parse(line) as unknown));
  }
  return messages;
}

/** The expressions of one node's config, or none when its kind is unknown (the mistake fixtures have such nodes). */
function nodeExpressions(type: unknown, config: unknown): Array<{ path: string; expression: string }> {
  const kind = typeof type === 'string' ? getNodeKind(type) : undefined;
  const parsed = kind?.configSchema.safeParse(config ?? {});
  if (!kind || !parsed?.success) return [];
  return kind.jsonataFields(parsed.data).flatMap((field) => {
    const path = field.path.join('.');
    if (field.kind === 'expression') return [{ path, expression: field.source }];
    return parseTemplate(field.source).parts.flatMap((part) => (part.kind === 'expression' ? [{ path, expression: part.expression }] : []));
  });
}

function harvest(): HarvestedCase[] {
  const cases: HarvestedCase[] = [];
  for (const flowPath of flowFiles()) {
    const flow = JSON.parse(readFileSync(new URL(flowPath, ROOT), 'utf8')) as FlowFile;
    const nodes = (flow.nodes ?? []).filter((node): node is { id: string; type?: unknown; config?: unknown } => typeof node.id === 'string');
    const triggers = nodes.filter((node) => typeof node.type === 'string' && getNodeKind(node.type)?.isTrigger === true);
    const fileMessages = inputFileMessages(flowPath);
    const emitted = (nodeId: string): unknown[] => {
      const fromTests = (flow.tests ?? []).flatMap((test) => [...(test.input?.[nodeId] ?? []), ...(test.expect?.[nodeId] ?? [])]);
      const isTrigger = triggers.some((trigger) => trigger.id === nodeId);
      return [...(isTrigger ? flow.samples?.[nodeId] ?? [] : []), ...fromTests, ...(isTrigger && triggers.length === 1 ? fileMessages : [])];
    };
    const everything = [...Object.values(flow.samples ?? {}).flat(), ...(flow.tests ?? []).flatMap((test) => [...Object.values(test.input ?? {}).flat(), ...Object.values(test.expect ?? {}).flat()]), ...fileMessages];
    for (const node of nodes) {
      const expressions = nodeExpressions(node.type, node.config);
      if (expressions.length === 0) continue;
      const upstream = (flow.edges ?? []).filter((edge) => edge.to === node.id && typeof edge.from === 'string').flatMap((edge) => emitted(edge.from as string));
      const direct = triggers.some((trigger) => trigger.id === node.id) ? [] : (flow.tests ?? []).flatMap((test) => test.input?.[node.id] ?? []);
      const own = [...direct, ...upstream];
      const inputs = (own.length > 0 ? own : everything.length > 0 ? everything : [{}]).slice(0, MESSAGES_PER_NODE);
      for (const { path, expression } of expressions) {
        inputs.forEach((input, index) => cases.push({ name: `${flowPath} ${node.id}.${path} on message ${index}: ${expression.replace(/\s+/g, ' ')}`, expression, input }));
      }
    }
  }
  return cases;
}

const cases = harvest();
describe('the project flows', () => {
  it('yield expressions from every example flow', () => {
    const examples = flowFiles().filter((path) => path.startsWith('assets/examples/'));
    expect(examples.length).toBeGreaterThan(0);
    for (const path of examples) expect(cases.some((entry) => entry.name.startsWith(`${path} `)), path).toBe(true);
  });
});

describe("compiled JSONata agrees with jsonata 2.x on the project's flows", () => {
  const coverage = new CoverageReport(compiler);
  afterAll(() => coverage.print("Project flows' JSONata compile coverage"));

  for (const entry of cases) {
    it(entry.name, async () => {
      const inputText = JSON.stringify(entry.input);
      const reference = await evaluateReference(entry.expression, JSON.parse(inputText), BINDINGS);
      const outcome = coverage.compile(entry.expression);
      if ('thrown' in outcome) {
        expect(disagreement(reference, outcome.thrown), 'compileJsonata threw').toBeUndefined();
        return;
      }
      if (!outcome.compiled) return;
      const compiled = evaluateCompiled(outcome, JSON.parse(inputText), compiler.createEvaluationGuard(TEST_LIMITS), BINDINGS);
      if (compiled.kind === 'needs-interpreter') coverage.runtimeFallbacks++;
      expect(disagreement(reference, compiled)).toBeUndefined();
    });
  }
});
