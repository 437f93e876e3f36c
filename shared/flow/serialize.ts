// Writes a flow document deterministically (DESIGN.md §2): 2-space indent, trailing newline, one
// canonical key order, so that saving an unchanged flow changes no byte and Git diffs stay small.
// Structure follows a fixed order; configs follow their kind's schema; user payloads (samples, test
// data) keep their own key order, since that order is part of what the user wrote.
import { getNodeKind } from '../catalog/index.js';
import { compareKeys, jsonTree, objectEntries, renderJson, scalar, type JsonTree } from './json-writer.js';
import { treeBySchema } from './schema-order.js';
import { flowSettingsSchema, retryPolicySchema, type FlowDocument, type FlowEdge, type FlowNode, type FlowTest } from './schema.js';

const DOCUMENT_KEYS = ['format', 'id', 'name', 'description', 'settings', 'nodes', 'edges', 'samples', 'tests'];
const NODE_KEYS = ['id', 'type', 'name', 'position', 'config', 'retry', 'queueLimit', 'notes'];
const EDGE_KEYS = ['from', 'port', 'to'];
const TEST_KEYS = ['name', 'input', 'standIns', 'expect'];

export function serializeFlow(flow: FlowDocument): string {
  return `${renderJson(documentTree(flow))}\n`;
}

function documentTree(flow: FlowDocument): JsonTree {
  return structure(flow, DOCUMENT_KEYS, (value, key) => {
    if (key === 'settings') return treeBySchema(value, flowSettingsSchema);
    if (key === 'nodes') return list(flow.nodes, nodeTree);
    if (key === 'edges') return list(flow.edges, (edge) => structure(edge, EDGE_KEYS));
    if (key === 'tests') return list(flow.tests ?? [], testTree);
    return jsonTree(value);
  });
}

function nodeTree(node: FlowNode): JsonTree {
  return structure(node, NODE_KEYS, (value, key) => {
    if (key === 'position') return position(value);
    if (key === 'config') return treeBySchema(value, getNodeKind(node.type)?.configSchema);
    if (key === 'retry') return treeBySchema(value, retryPolicySchema);
    return jsonTree(value);
  });
}

/** Test input and expectations are user payloads: their keys stay as written. */
function testTree(test: FlowTest): JsonTree {
  return structure(test, TEST_KEYS);
}

/** `[x, y]` on one line when it really is a pair of numbers; anything else prints as usual. */
function position(value: unknown): JsonTree | undefined {
  const tree = jsonTree(value);
  const isPair = Array.isArray(value) && value.length === 2 && value.every((n) => typeof n === 'number');
  return tree?.kind === 'array' && isPair ? { ...tree, inline: true } : tree;
}

/** A fixed key order, then keys the format does not know (kept, alphabetically, so nothing is lost). */
function structure(
  object: FlowDocument | FlowNode | FlowEdge | FlowTest,
  keys: ReadonlyArray<string>,
  tree: (value: unknown, key: string) => JsonTree | undefined = (value) => jsonTree(value),
): JsonTree {
  const record = object as unknown as Record<string, unknown>;
  const others = Object.keys(record).filter((key) => !keys.includes(key)).sort(compareKeys);
  return { kind: 'object', entries: objectEntries(record, [...keys, ...others], new Set(), tree) };
}

function list<Item>(items: ReadonlyArray<Item>, tree: (item: Item) => JsonTree): JsonTree {
  return { kind: 'array', items: items.map((item) => (item === undefined ? scalar(null) : tree(item))) };
}
