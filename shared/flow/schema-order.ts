// Builds a JsonTree whose object keys follow a zod schema: the schema's keys in declaration order,
// then any others alphabetically. Used for node configs, settings and retry policies, so a saved
// file reads in the same order as the schema that documents it.
import type { z } from 'zod';
import { compareKeys, jsonTree, objectEntries, type JsonTree } from './json-writer.js';

type Schema = z.core.$ZodType;

export function treeBySchema(value: unknown, schema: Schema | undefined): JsonTree | undefined {
  const inner = schema && unwrap(schema);
  const def = inner?._zod.def;
  if (!def || typeof value !== 'object' || value === null) return jsonTree(value);
  if (def.type === 'object' && !Array.isArray(value)) {
    const shape = (def as z.core.$ZodObjectDef).shape;
    const known = Object.keys(shape);
    const others = Object.keys(value).filter((key) => !Object.hasOwn(shape, key)).sort(compareKeys);
    const record = value as Record<string, unknown>;
    return { kind: 'object', entries: objectEntries(record, [...known, ...others], new Set(), (child, key) => treeBySchema(child, shape[key])) };
  }
  if (def.type === 'record' && !Array.isArray(value)) {
    const valueType = (def as z.core.$ZodRecordDef).valueType;
    const record = value as Record<string, unknown>;
    return { kind: 'object', entries: objectEntries(record, Object.keys(record), new Set(), (child) => treeBySchema(child, valueType)) };
  }
  if (def.type === 'array' && Array.isArray(value)) {
    const element = (def as z.core.$ZodArrayDef).element;
    return { kind: 'array', items: value.map((item: unknown) => treeBySchema(item, element) ?? { kind: 'scalar', text: 'null' }) };
  }
  return jsonTree(value);
}

/** The schema under optional/default/nullable/pipe wrappers: what the value itself must look like. */
function unwrap(schema: Schema): Schema {
  let current = schema;
  for (let depth = 0; depth < 20; depth++) {
    const def = current._zod.def;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'readonly' || def.type === 'prefault' || def.type === 'nonoptional' || def.type === 'catch') {
      current = (def as z.core.$ZodOptionalDef).innerType;
    } else if (def.type === 'pipe') {
      current = (def as z.core.$ZodPipeDef).in;
    } else {
      break;
    }
  }
  return current;
}
