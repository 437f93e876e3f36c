// Validates a flow document (DESIGN.md §2) and reports every problem at once, each with its JSON path
// and, for JSONata, the range inside the expression. The schema pass and the semantic passes are
// independent: graph and config checks read what they can from a document the schema rejected.
import { PipewrightError, type Problem } from '../errors.js';
import { getNodeKind, type NodeKind } from '../catalog/index.js';
import { checkEdges } from './check-edges.js';
import { checkNodes } from './check-nodes.js';
import { checkReferences } from './check-references.js';
import { issuesToProblems, plainErrorMap, withPath } from './issues.js';
import { readLoosely } from './lenient.js';
import { flowDocumentSchema, type FlowDocument, type FlowNode } from './schema.js';
import { markValid, type ValidFlow } from './valid-flow.js';

export interface ValidateOptions {
  /** Set on every problem. */
  file?: string;
  /** The id the flow must have: its file stem. */
  expectedId?: string;
}

export interface ValidationResult {
  /** Present only when there are no problems. */
  flow?: ValidFlow;
  problems: Problem[];
}

export function validateFlow(doc: unknown, options: ValidateOptions = {}): ValidationResult {
  const parsed = flowDocumentSchema.safeParse(doc, { error: plainErrorMap });
  const problems = parsed.success ? [] : issuesToProblems(parsed.error.issues, 'SCHEMA', []);
  const loose = readLoosely(doc);
  const nodes = checkNodes(loose.nodes);
  problems.push(...nodes.problems, ...checkEdges(loose.edges, nodes.facts), ...checkReferences(loose, nodes.facts));
  if (options.expectedId !== undefined && loose.id !== undefined && loose.id !== options.expectedId) {
    problems.push(withPath({ code: 'FLOW_ID_MISMATCH', message: `flow id "${loose.id}" must equal the file name "${options.expectedId}"` }, ['id']));
  }
  const located = options.file === undefined ? problems : problems.map((problem) => ({ ...problem, file: options.file }));
  if (located.length > 0 || !parsed.success) return { problems: located };
  return { flow: markValid(keepPayloadsAsWritten(parsed.data, doc as FlowDocument)), problems: [] };
}

/**
 * Configs, samples and test payloads stay exactly as written: the file must round-trip (no defaults
 * added to configs), and zod's record copy would drop keys such as `__proto__` from user payloads.
 */
function keepPayloadsAsWritten(parsed: FlowDocument, written: FlowDocument): FlowDocument {
  parsed.nodes.forEach((node, index) => {
    node.config = (written.nodes[index] as FlowNode).config;
  });
  if (written.samples !== undefined) parsed.samples = written.samples;
  parsed.tests?.forEach((test, index) => {
    const original = written.tests?.[index];
    if (!original) return;
    test.input = original.input;
    test.expect = original.expect;
  });
  return parsed;
}

type NodeRef = Pick<FlowNode, 'id' | 'type' | 'config'>;

/** The node's config parsed by its kind's schema, defaults filled: what the engine runs with. */
export function parseNodeConfig<Config>(node: NodeRef, kind: NodeKind<Config>): Config;
export function parseNodeConfig(node: NodeRef): unknown;
export function parseNodeConfig(node: NodeRef, kind: NodeKind | undefined = getNodeKind(node.type)): unknown {
  if (!kind) throw new PipewrightError('UNKNOWN_NODE_TYPE', `Node "${node.id}" has the unknown type "${node.type}".`);
  const parsed = kind.configSchema.safeParse(node.config, { error: plainErrorMap });
  if (parsed.success) return parsed.data;
  const problems = issuesToProblems(parsed.error.issues, 'INVALID_CONFIG', ['config']);
  const details = problems.map((problem) => `${problem.path ?? 'config'}: ${problem.message}`).join('; ');
  throw new PipewrightError('INVALID_CONFIG', `Node "${node.id}" has an invalid config: ${details}.`, { problems });
}
