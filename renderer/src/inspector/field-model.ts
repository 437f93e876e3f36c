// The inspector's form, as data: a node kind's config schema (JSON Schema, the same text `catalog.list`
// serves, made here from the kind's zod schema) turned into fields the form renders, and the kind's zod
// validation turned into one message per field. No React, so the rules are unit-tested.
import { z } from 'zod';
import type { NodeKind } from '../../../shared/catalog/index.js';
import { plainErrorMap } from '../../../shared/flow/issues.js';

export type FieldPath = Array<string | number>;

interface FieldBase {
  /** Key in the parent object. */
  key: string;
  /** Visible label and accessible name, e.g. "Timeout (ms)". */
  label: string;
  /** True when the config is invalid without it (no default, not optional). */
  required: boolean;
  /** The schema's default, shown as placeholder when the value is absent. */
  defaultValue?: unknown;
}

export type FieldModel =
  /** `widget: 'credential'`: the name of a workspace credential, chosen from a list (a top-level `credential` key). */
  | (FieldBase & { type: 'string'; minLength?: number; pattern?: string; jsonata?: 'expression' | 'template'; widget?: 'credential' })
  | (FieldBase & { type: 'number'; integer: boolean; minimum?: number; maximum?: number })
  | (FieldBase & { type: 'boolean' })
  | (FieldBase & { type: 'enum'; options: string[] })
  /** An object with free keys and string values (http headers). */
  | (FieldBase & { type: 'record'; valueJsonata?: 'expression' | 'template' })
  /** An array of objects (switch rules): rows that can be added, removed and reordered. */
  | (FieldBase & { type: 'list'; itemLabel: string; minItems: number; itemFields: FieldModel[] })
  /** Anything the form has no widget for: edited as JSON text. */
  | (FieldBase & { type: 'json' });

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  default?: unknown;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  pattern?: string;
};

/** The kind's config schema as JSON Schema (input side: fields with defaults are optional). */
export function configJsonSchema(kind: NodeKind): Record<string, unknown> {
  return z.toJSONSchema(kind.configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/**
 * The fields of an object schema, in schema order. `jsonata` lists the JSONata field patterns of the
 * kind (see `jsonataPatterns`): a field whose path matches one is edited with the expression editor.
 */
export function fieldsFromSchema(schema: Record<string, unknown>, jsonata: ReadonlyMap<string, 'expression' | 'template'> = new Map(), prefix = ''): FieldModel[] {
  const object = schema as JsonSchema;
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties ?? {}).map(([key, property]) => fieldOf(key, property, required.has(key), jsonata, prefix === '' ? key : `${prefix}.${key}`));
}

function fieldOf(key: string, schema: JsonSchema, required: boolean, jsonata: ReadonlyMap<string, 'expression' | 'template'>, pattern: string): FieldModel {
  const base: FieldBase = { key, label: labelOf(key), required };
  if (schema.default !== undefined) base.defaultValue = schema.default;
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (Array.isArray(schema.enum) && schema.enum.every((value) => typeof value === 'string')) return { ...base, type: 'enum', options: schema.enum as string[] };
  if (type === 'string') {
    const field: FieldModel = { ...base, type: 'string' };
    if (schema.minLength !== undefined) field.minLength = schema.minLength;
    if (schema.pattern !== undefined) field.pattern = schema.pattern;
    const kind = jsonata.get(pattern);
    if (kind) field.jsonata = kind;
    // Every kind names a credential with a top-level `credential` string (DESIGN.md §2): it gets a picker.
    else if (pattern === 'credential') field.widget = 'credential';
    return field;
  }
  if (type === 'number' || type === 'integer') {
    const field: FieldModel = { ...base, type: 'number', integer: type === 'integer' };
    if (schema.minimum !== undefined) field.minimum = schema.minimum;
    if (schema.maximum !== undefined) field.maximum = schema.maximum;
    return field;
  }
  if (type === 'boolean') return { ...base, type: 'boolean' };
  if (type === 'object' && schema.properties === undefined && typeof schema.additionalProperties === 'object' && schema.additionalProperties.type === 'string') {
    const field: FieldModel = { ...base, type: 'record' };
    const kind = jsonata.get(`${pattern}.*`);
    if (kind) field.valueJsonata = kind;
    return field;
  }
  if (type === 'array' && schema.items?.type === 'object' && schema.items.properties !== undefined) {
    return { ...base, type: 'list', itemLabel: singular(base.label), minItems: schema.minItems ?? 0, itemFields: fieldsFromSchema(schema.items as Record<string, unknown>, jsonata, `${pattern}.*`) };
  }
  return { ...base, type: 'json' };
}

/**
 * Which config paths of a kind hold JSONata, as patterns (`expression`, `rules.*.condition`,
 * `headers.*`). `jsonataFields` only lists fields present in a config, so it is asked about a probe
 * config: the default with every optional string filled and one entry in each empty record.
 */
export function jsonataPatterns(kind: NodeKind): Map<string, 'expression' | 'template'> {
  const schema = configJsonSchema(kind) as JsonSchema;
  const parsed = kind.configSchema.safeParse(kind.defaultConfig);
  const probe: Record<string, unknown> = { ...(parsed.success ? (parsed.data as Record<string, unknown>) : {}) };
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (probe[key] === undefined && property.type === 'string' && property.enum === undefined) probe[key] = 'x';
    const value = probe[key];
    if (property.type === 'object' && typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0) probe[key] = { x: 'x' };
  }
  const patterns = new Map<string, 'expression' | 'template'>();
  try {
    for (const field of kind.jsonataFields(probe)) patterns.set(field.path.map((part) => (typeof part === 'number' ? '*' : part)).join('.'), field.kind);
  } catch {
    // A kind whose jsonataFields cannot read the probe simply gets no expression editors.
  }
  // Record entries are named by their key in the probe ("x"): any entry of that record is JSONata.
  for (const [pattern, kindOf] of [...patterns]) {
    const parts = pattern.split('.');
    const parent = parts.slice(0, -1).join('.');
    if (parts.length > 1 && parts[parts.length - 1] === 'x' && (schema.properties?.[parent]?.type === 'object')) {
      patterns.delete(pattern);
      patterns.set(`${parent}.*`, kindOf);
    }
  }
  return patterns;
}

/** The form of a kind: its fields, JSONata ones marked. */
export function formOf(kind: NodeKind): FieldModel[] {
  return fieldsFromSchema(configJsonSchema(kind), jsonataPatterns(kind));
}

/** `rules.1.port` → the first problem with that field, in plain words; `''` holds errors about the whole config. */
export function fieldErrors(kind: NodeKind, config: unknown): Map<string, string> {
  const result = kind.configSchema.safeParse(config, { error: plainErrorMap });
  const errors = new Map<string, string>();
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => ({ path: [...path, key], message: `unknown key "${key}"` })) : [{ path, message: issue.message }];
    for (const entry of keys) if (!errors.has(pathKey(entry.path))) errors.set(pathKey(entry.path), entry.message);
  }
  return errors;
}

export function pathKey(path: FieldPath): string {
  return path.join('.');
}

/** `timeoutMs` → "Timeout (ms)", `maxBackoffMs` → "Max backoff (ms)", `url` → "URL". */
export function labelOf(key: string): string {
  const unit = /Ms$/.test(key) ? ' (ms)' : '';
  const words = key.replace(/Ms$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  const known: Record<string, string> = { url: 'URL', id: 'ID', json: 'JSON' };
  const text = words.split(' ').map((word) => known[word] ?? word).join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${unit}`;
}

function singular(label: string): string {
  return label.endsWith('ies') ? `${label.slice(0, -3)}y` : label.endsWith('s') ? label.slice(0, -1) : label;
}
