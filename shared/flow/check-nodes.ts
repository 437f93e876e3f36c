// Per-node checks: unique ids, known types, each kind's config schema and the JSONata inside the
// config. Returns what the edge checks need to know about each node (its ports, whether a trigger).
import type { z } from 'zod';
import type { Problem } from '../errors.js';
import { getNodeKind, nodeCatalog, type JsonataField, type NodeKind } from '../catalog/index.js';
import { checkJsonata, checkTemplate, type JsonataSyntaxError } from '../jsonata/syntax.js';
import { issuesToProblems, plainErrorMap, withPath } from './issues.js';
import { isRecord, type LooseNode } from './lenient.js';

export interface NodeFacts {
  index: number;
  type?: string;
  isTrigger: boolean;
  /** Output ports without `error`; undefined when they cannot be known (unknown type, unreadable config). */
  ports?: string[];
}

export function checkNodes(nodes: ReadonlyArray<LooseNode>): { problems: Problem[]; facts: Map<string, NodeFacts> } {
  const problems: Problem[] = [];
  const facts = new Map<string, NodeFacts>();
  for (const node of nodes) {
    const first = facts.get(node.id);
    if (first) {
      problems.push(withPath({ code: 'DUPLICATE_NODE_ID', message: `node id "${node.id}" is already used by nodes[${first.index}]; node ids must be unique` }, ['nodes', node.index, 'id']));
    }
    const kind = node.type === undefined ? undefined : getNodeKind(node.type);
    if (node.type !== undefined && node.type !== '' && !kind) {
      const known = [...nodeCatalog.keys()].join(', ');
      problems.push(withPath({ code: 'UNKNOWN_NODE_TYPE', message: `unknown node type "${node.type}"; known types: ${known}` }, ['nodes', node.index, 'type']));
    }
    const checked = kind && node.config ? checkConfig(node, kind, node.config) : { problems: [] };
    problems.push(...checked.problems);
    if (!first) {
      const fact: NodeFacts = { index: node.index, isTrigger: kind?.isTrigger === true };
      if (node.type !== undefined) fact.type = node.type;
      if (checked.ports) fact.ports = checked.ports;
      facts.set(node.id, fact);
    }
  }
  return { problems, facts };
}

function checkConfig(node: LooseNode, kind: NodeKind, config: Record<string, unknown>): { problems: Problem[]; ports?: string[] } {
  const base = ['nodes', node.index, 'config'];
  const parsed = kind.configSchema.safeParse(config, { error: plainErrorMap });
  if (parsed.success) {
    return { problems: jsonataProblems(kind.jsonataFields(parsed.data), base), ports: kind.ports(parsed.data) };
  }
  const problems = issuesToProblems(parsed.error.issues, 'INVALID_CONFIG', base);
  // Best effort, so a broken expression is reported together with a bad timeout: check the JSONata
  // of the fields that are fine, read from the config with its broken keys replaced by defaults.
  const broken = new Set(parsed.error.issues.map((issue) => JSON.stringify(issue.path.map(String))));
  const salvaged = salvageConfig(kind, config, parsed.error.issues);
  const fields = salvaged === undefined ? [] : (attempt(() => kind.jsonataFields(salvaged)) ?? []);
  const readable = fields.filter(
    (field) => typeof field.source === 'string' && valueAt(config, field.path) === field.source && !broken.has(JSON.stringify(field.path.map(String))),
  );
  problems.push(...jsonataProblems(readable, base));
  // Ports come from the config as written: defaults standing in for broken rules would invent ports.
  const ports = attempt(() => kind.ports(config));
  const result: { problems: Problem[]; ports?: string[] } = { problems };
  if (Array.isArray(ports) && ports.every((port) => typeof port === 'string')) result.ports = ports;
  return result;
}

function salvageConfig(kind: NodeKind, config: Record<string, unknown>, issues: ReadonlyArray<z.core.$ZodIssue>): unknown {
  const brokenKeys = new Set<string>();
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') issue.keys.forEach((key) => brokenKeys.add(key));
    else if (issue.path.length > 0) brokenKeys.add(String(issue.path[0]));
  }
  const patched: Record<string, unknown> = isRecord(kind.defaultConfig) ? { ...kind.defaultConfig } : {};
  for (const [key, value] of Object.entries(config)) if (!brokenKeys.has(key)) patched[key] = value;
  const parsed = kind.configSchema.safeParse(patched);
  return parsed.success ? parsed.data : undefined;
}

function jsonataProblems(fields: ReadonlyArray<JsonataField>, base: ReadonlyArray<string | number>): Problem[] {
  const problems: Problem[] = [];
  for (const field of fields) {
    const errors: JsonataSyntaxError[] = field.kind === 'template' ? checkTemplate(field.source) : [checkJsonata(field.source)].filter((e) => e !== undefined);
    for (const error of errors) {
      const message = error.code === 'TEMPLATE' ? error.message : `${error.message} (JSONata ${error.code})`;
      problems.push({ ...withPath({ code: 'JSONATA_SYNTAX', message }, [...base, ...field.path]), range: error.range });
    }
  }
  return problems;
}

function valueAt(value: unknown, path: ReadonlyArray<string | number>): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** Kind functions expect a parsed config; on a raw one they may throw, which only means "unknown". */
function attempt<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}
