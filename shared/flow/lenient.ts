// Reads whatever can be read from a document that may break the schema, so that graph, config and
// reference checks still run when one node's position or another edge's shape is wrong: the user
// gets every problem in one pass instead of fixing them one validation at a time.

export interface LooseNode {
  index: number;
  id: string;
  type?: string;
  config?: Record<string, unknown>;
}

export interface LooseEdge {
  index: number;
  from?: string;
  to?: string;
  /** `undefined` when omitted (the default port); `null` when present but not a string. */
  port: string | undefined | null;
}

export interface LooseTest {
  index: number;
  input?: Record<string, unknown>;
  expect?: Record<string, unknown>;
  standIns?: Record<string, unknown>;
}

export interface LooseFlow {
  id?: string;
  nodes: LooseNode[];
  edges: LooseEdge[];
  samples?: Record<string, unknown>;
  tests: LooseTest[];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readLoosely(doc: unknown): LooseFlow {
  const root = isRecord(doc) ? doc : {};
  const flow: LooseFlow = { nodes: [], edges: [], tests: [] };
  if (typeof root.id === 'string') flow.id = root.id;
  if (isRecord(root.samples)) flow.samples = root.samples;
  arrayOf(root.nodes).forEach((node, index) => {
    if (!isRecord(node) || typeof node.id !== 'string') return;
    const loose: LooseNode = { index, id: node.id };
    if (typeof node.type === 'string') loose.type = node.type;
    if (isRecord(node.config)) loose.config = node.config;
    flow.nodes.push(loose);
  });
  arrayOf(root.edges).forEach((edge, index) => {
    if (!isRecord(edge)) return;
    const port = edge.port === undefined || typeof edge.port === 'string' ? edge.port : null;
    const loose: LooseEdge = { index, port };
    if (typeof edge.from === 'string') loose.from = edge.from;
    if (typeof edge.to === 'string') loose.to = edge.to;
    flow.edges.push(loose);
  });
  arrayOf(root.tests).forEach((test, index) => {
    if (!isRecord(test)) return;
    const loose: LooseTest = { index };
    if (isRecord(test.input)) loose.input = test.input;
    if (isRecord(test.expect)) loose.expect = test.expect;
    if (isRecord(test.standIns)) loose.standIns = test.standIns;
    flow.tests.push(loose);
  });
  return flow;
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
