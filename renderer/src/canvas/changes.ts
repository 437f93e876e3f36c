// Document edits as data (CRAFT.md "Edits as data"): every edit the designer makes to a flow is one of
// these serialisable change objects. Applying a change returns the new document (copy-on-write, so
// React sees a new object) and the changes that undo it — undo/redo, autosave, dirty tracking and
// "what changed" all work from lists of these.
import { PipewrightError } from '../../../shared/errors.js';
import type { z } from 'zod';
import { DEFAULT_PORT, type FlowDocument, type FlowEdge, type FlowNode, type FlowSettings, type FlowTest, type RetryPolicy, type retryPolicySchema } from '../../../shared/flow/schema.js';

export type Position = [number, number];
export type NodeConfig = FlowNode['config'];

/**
 * A retry policy as a flow file may hold it: only `maxAttempts` is required, the delays take the
 * schema's defaults when absent (every reader parses the file through the schema).
 */
export type RetrySetting = z.input<typeof retryPolicySchema>;

/** How a node takes failures and load, and what it is for (DESIGN.md §4 "Retries", "Back pressure"). */
export interface NodeDelivery {
  retry?: RetrySetting | undefined;
  queueLimit?: number | undefined;
  notes?: string | undefined;
}

export type FlowChange =
  /** Inserts `node` at `index` (default: last). */
  | { type: 'add-node'; node: FlowNode; index?: number }
  /** Removes the node, the edges touching it and its samples (the inverse puts them all back). */
  | { type: 'remove-node'; id: string }
  | { type: 'move'; id: string; position: Position }
  /** Adds `edge` at `index` (default: last). */
  | { type: 'connect'; edge: FlowEdge; index?: number }
  | { type: 'disconnect'; edge: FlowEdge }
  | { type: 'update-config'; id: string; config: NodeConfig }
  /** Sets the display name; `undefined` clears it (the node is then shown by its id). */
  | { type: 'rename'; id: string; name: string | undefined }
  /** Sets or (with `undefined`) clears the sample input messages of a node. */
  | { type: 'set-samples'; id: string; samples: unknown[] | undefined }
  /** Replaces the flow's tests; `undefined` (or an empty list) removes the `tests` key. */
  | { type: 'set-tests'; tests: FlowTest[] | undefined }
  /** Replaces the node's `retry`, `queueLimit` and `notes`; a key not in `delivery` is removed. */
  | { type: 'set-delivery'; id: string; delivery: NodeDelivery }
  /** Replaces the flow's `settings`; `undefined` (or an empty object) removes the key. */
  | { type: 'set-settings'; settings: FlowSettings | undefined };

export interface Applied {
  doc: FlowDocument;
  /** Changes that, applied in order to `doc`, give back the document before this change. */
  inverse: FlowChange[];
}

/** `from:port->to`, with the port spelled out: the identity of an edge and its React Flow id. */
export function edgeKey(edge: FlowEdge): string {
  return `${edge.from}:${edge.port ?? DEFAULT_PORT}->${edge.to}`;
}

/** The stored form of an edge: no `port` key for the default port, so files stay minimal. */
export function normalizeEdge(edge: FlowEdge): FlowEdge {
  return edge.port === undefined || edge.port === DEFAULT_PORT ? { from: edge.from, to: edge.to } : { from: edge.from, port: edge.port, to: edge.to };
}

export function applyChange(doc: FlowDocument, change: FlowChange): Applied {
  switch (change.type) {
    case 'add-node':
      return addNode(doc, change.node, change.index);
    case 'remove-node':
      return removeNode(doc, change.id);
    case 'move': {
      const node = requireNode(doc, change.id);
      return { doc: replaceNode(doc, { ...node, position: [change.position[0], change.position[1]] }), inverse: [{ type: 'move', id: node.id, position: node.position }] };
    }
    case 'update-config': {
      const node = requireNode(doc, change.id);
      return { doc: replaceNode(doc, { ...node, config: change.config }), inverse: [{ type: 'update-config', id: node.id, config: node.config }] };
    }
    case 'rename': {
      const node = requireNode(doc, change.id);
      const { name: _old, ...rest } = node;
      const renamed: FlowNode = change.name === undefined ? rest : { ...rest, name: change.name };
      return { doc: replaceNode(doc, renamed), inverse: [{ type: 'rename', id: node.id, name: node.name }] };
    }
    case 'connect':
      return connect(doc, change.edge, change.index);
    case 'disconnect':
      return disconnect(doc, change.edge);
    case 'set-samples':
      return setSamples(doc, change.id, change.samples);
    case 'set-tests':
      return setTests(doc, change.tests);
    case 'set-delivery':
      return setDelivery(doc, change.id, change.delivery);
    case 'set-settings':
      return setSettings(doc, change.settings);
  }
}

/** Applies changes in order; the inverse list undoes all of them (last change undone first). */
export function applyChanges(doc: FlowDocument, changes: readonly FlowChange[]): Applied {
  let current = doc;
  const inverses: FlowChange[][] = [];
  for (const change of changes) {
    const applied = applyChange(current, change);
    current = applied.doc;
    inverses.push(applied.inverse);
  }
  return { doc: current, inverse: inverses.reverse().flat() };
}

function addNode(doc: FlowDocument, node: FlowNode, index = doc.nodes.length): Applied {
  if (doc.nodes.some((existing) => existing.id === node.id)) throw new PipewrightError('NODE_EXISTS', `A node with the id "${node.id}" already exists.`);
  const nodes = [...doc.nodes];
  nodes.splice(Math.min(index, nodes.length), 0, node);
  return { doc: { ...doc, nodes }, inverse: [{ type: 'remove-node', id: node.id }] };
}

function removeNode(doc: FlowDocument, id: string): Applied {
  const index = doc.nodes.findIndex((node) => node.id === id);
  const node = doc.nodes[index];
  if (node === undefined) throw unknownNode(id);
  const inverse: FlowChange[] = [{ type: 'add-node', node, index }];
  const edges: FlowEdge[] = [];
  doc.edges.forEach((edge, edgeIndex) => {
    if (edge.from === id || edge.to === id) inverse.push({ type: 'connect', edge, index: edgeIndex });
    else edges.push(edge);
  });
  let next: FlowDocument = { ...doc, nodes: doc.nodes.filter((_, i) => i !== index), edges };
  const samples = doc.samples?.[id];
  if (samples !== undefined) {
    next = setSamples(next, id, undefined).doc;
    inverse.push({ type: 'set-samples', id, samples });
  }
  return { doc: next, inverse };
}

function connect(doc: FlowDocument, edge: FlowEdge, index = doc.edges.length): Applied {
  const stored = normalizeEdge(edge);
  const key = edgeKey(stored);
  if (doc.edges.some((existing) => edgeKey(existing) === key)) throw new PipewrightError('EDGE_EXISTS', `The edge ${key} already exists.`);
  requireNode(doc, stored.from);
  requireNode(doc, stored.to);
  const edges = [...doc.edges];
  edges.splice(Math.min(index, edges.length), 0, stored);
  return { doc: { ...doc, edges }, inverse: [{ type: 'disconnect', edge: stored }] };
}

function disconnect(doc: FlowDocument, edge: FlowEdge): Applied {
  const key = edgeKey(edge);
  const index = doc.edges.findIndex((existing) => edgeKey(existing) === key);
  const existing = doc.edges[index];
  if (existing === undefined) throw new PipewrightError('UNKNOWN_EDGE', `There is no edge ${key}.`);
  return { doc: { ...doc, edges: doc.edges.filter((_, i) => i !== index) }, inverse: [{ type: 'connect', edge: existing, index }] };
}

function setSamples(doc: FlowDocument, id: string, samples: unknown[] | undefined): Applied {
  const previous = doc.samples?.[id];
  const { [id]: _old, ...others } = doc.samples ?? {};
  const next: FlowDocument = { ...doc, samples: samples === undefined ? others : { ...others, [id]: samples } };
  // An empty samples object is not written: the file keeps no empty `"samples": {}`.
  if (next.samples !== undefined && Object.keys(next.samples).length === 0) delete next.samples;
  return { doc: next, inverse: [{ type: 'set-samples', id, samples: previous }] };
}

function setTests(doc: FlowDocument, tests: FlowTest[] | undefined): Applied {
  const { tests: previous, ...rest } = doc;
  // Like samples: no empty `"tests": []` in the file.
  const next: FlowDocument = tests === undefined || tests.length === 0 ? rest : { ...rest, tests };
  return { doc: next, inverse: [{ type: 'set-tests', tests: previous }] };
}

function setDelivery(doc: FlowDocument, id: string, delivery: NodeDelivery): Applied {
  const node = requireNode(doc, id);
  const { retry, queueLimit, notes, ...rest } = node;
  const next: FlowNode = { ...rest };
  // The file keeps a policy as written (`{ "maxAttempts": 3 }`); the type names the parsed form, whose
  // delays the schema fills in wherever the flow is run or validated.
  if (delivery.retry !== undefined) next.retry = delivery.retry as RetryPolicy;
  if (delivery.queueLimit !== undefined) next.queueLimit = delivery.queueLimit;
  if (delivery.notes !== undefined) next.notes = delivery.notes;
  return { doc: replaceNode(doc, next), inverse: [{ type: 'set-delivery', id, delivery: deliveryOf({ retry, queueLimit, notes }) }] };
}

/** The delivery keys a node has, without undefined ones. */
export function deliveryOf(node: NodeDelivery): NodeDelivery {
  const delivery: NodeDelivery = {};
  if (node.retry !== undefined) delivery.retry = node.retry;
  if (node.queueLimit !== undefined) delivery.queueLimit = node.queueLimit;
  if (node.notes !== undefined) delivery.notes = node.notes;
  return delivery;
}

function setSettings(doc: FlowDocument, settings: FlowSettings | undefined): Applied {
  const { settings: previous, ...rest } = doc;
  // Like tests: no empty `"settings": {}` in the file.
  const next: FlowDocument = settings === undefined || Object.keys(settings).length === 0 ? rest : { ...rest, settings };
  return { doc: next, inverse: [{ type: 'set-settings', settings: previous }] };
}

function requireNode(doc: FlowDocument, id: string): FlowNode {
  const node = doc.nodes.find((candidate) => candidate.id === id);
  if (node === undefined) throw unknownNode(id);
  return node;
}

function replaceNode(doc: FlowDocument, node: FlowNode): FlowDocument {
  return { ...doc, nodes: doc.nodes.map((existing) => (existing.id === node.id ? node : existing)) };
}

function unknownNode(id: string): PipewrightError {
  return new PipewrightError('UNKNOWN_NODE', `There is no node "${id}" in this flow.`);
}
