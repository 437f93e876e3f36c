// The node catalog reference (docs/nodes.md), generated from the catalog itself — each kind's title,
// description, ports, effects and the JSON Schema of its config with the field descriptions the schemas
// carry — so the reference never drifts from what the engine and the designer accept. `npm run docs`
// writes it; a test fails when the committed file differs from what this renders.
import { z } from 'zod';
import { nodeCatalog } from './index.js';
import type { NodeKind } from './node-kind.js';

type Schema = Record<string, unknown>;

interface FieldRow {
  path: string;
  type: string;
  required: boolean;
  defaultValue: unknown;
  description: string;
}

export function renderCatalogReference(): string {
  const kinds = [...nodeCatalog.values()].sort((a, b) => a.type.localeCompare(b.type));
  const lines = [
    '# Node catalog reference',
    '',
    '<!-- Generated from shared/catalog by `npm run docs`; edit the kinds there, not this file. -->',
    '',
    'Every node kind Pipewright runs, with its configuration. Every node also has an implicit `error` port:',
    'a message that fails for good leaves there when the port is connected, and becomes a dead letter when it is not.',
    'Fields typed *JSONata* hold an expression; *template* fields hold text with `{{ expression }}` parts.',
    '',
    '| kind | title | category | calls outside Pipewright |',
    '|---|---|---|---|',
    ...kinds.map((kind) => `| [\`${kind.type}\`](#${anchor(kind.type)}) | ${kind.title} | ${kind.category} | ${kind.effects === 'external' ? 'yes' : 'no'} |`),
    '',
  ];
  for (const kind of kinds) lines.push(...renderKind(kind));
  return `${lines.join('\n').trimEnd()}\n`;
}

function renderKind(kind: NodeKind): string[] {
  const schema = z.toJSONSchema(kind.configSchema, { io: 'input', unrepresentable: 'any' }) as Schema;
  const rows = fieldRows(schema, '');
  const jsonata = new Set(kind.jsonataFields(kind.defaultConfig).map((field) => `${field.path.join('.')}:${field.kind}`));
  const lines = [
    `## ${kind.type}`,
    '',
    `**${kind.title}** — ${kind.description}`,
    '',
    `- Category: ${kind.category}${kind.isTrigger === true ? ' (a trigger: starts messages, takes no incoming edges)' : ''}`,
    `- Output ports: ${kind.ports(kind.defaultConfig).map((port) => `\`${port}\``).join(', ') || 'none'} (with its default configuration), and \`error\``,
    `- Effects: ${kind.effects === 'external' ? 'calls a system outside Pipewright (at least once, with an idempotency key where the target takes one)' : 'none outside Pipewright (may run fused with the step before it)'}`,
    `- Default configuration: \`${JSON.stringify(kind.defaultConfig)}\``,
    '',
  ];
  if (rows.length === 0) return [...lines, 'No configuration.', ''];
  lines.push('| field | type | required | default | description |', '|---|---|---|---|---|');
  for (const row of rows) {
    const type = jsonata.has(`${row.path}:expression`) ? `${row.type}, JSONata` : jsonata.has(`${row.path}:template`) ? `${row.type}, template` : row.type;
    lines.push(`| \`${row.path}\` | ${cell(type)} | ${row.required ? 'yes' : ''} | ${row.defaultValue === undefined ? '' : `\`${cell(JSON.stringify(row.defaultValue))}\``} | ${cell(row.description)} |`);
  }
  return [...lines, ''];
}

/** One row per field, nested objects as dotted paths and each variant of a union under its tag. */
function fieldRows(schema: Schema, prefix: string): FieldRow[] {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  const rows: FieldRow[] = [];
  for (const [name, field] of Object.entries(properties)) {
    const path = prefix === '' ? name : `${prefix}.${name}`;
    rows.push({ path, type: typeOf(field), required: required.has(name), defaultValue: field.default, description: typeof field.description === 'string' ? field.description : '' });
    if (field.type === 'object' && field.properties !== undefined) rows.push(...fieldRows(field, path));
    for (const variant of variantsOf(field)) {
      const tag = Object.entries((variant.properties ?? {}) as Record<string, Schema>).find(([, property]) => property.const !== undefined);
      const label = tag ? `${path}(${tag[0]}=${String(tag[1].const)})` : path;
      rows.push(...fieldRows(variant, label).filter((row) => tag === undefined || row.path !== `${label}.${tag[0]}`));
    }
    if (field.type === 'array' && typeof field.items === 'object' && field.items !== null && (field.items as Schema).properties !== undefined) {
      rows.push(...fieldRows(field.items as Schema, `${path}[]`));
    }
  }
  return rows;
}

function variantsOf(field: Schema): Schema[] {
  const union = (field.oneOf ?? field.anyOf) as Schema[] | undefined;
  return (union ?? []).filter((variant) => variant.type === 'object');
}

function typeOf(field: Schema): string {
  if (field.const !== undefined) return `\`${JSON.stringify(field.const)}\``;
  if (Array.isArray(field.enum)) return `one of ${field.enum.map((value) => `\`${JSON.stringify(value)}\``).join(', ')}`;
  const union = (field.oneOf ?? field.anyOf) as Schema[] | undefined;
  if (union !== undefined) return union.map((variant) => typeOf(variant)).join(' or ');
  const bounds = [field.minimum === undefined ? '' : `≥ ${String(field.minimum)}`, field.maximum === undefined || field.maximum === Number.MAX_SAFE_INTEGER ? '' : `≤ ${String(field.maximum)}`].filter(Boolean).join(', ');
  if (field.type === 'array') {
    const items = field.items as Schema | undefined;
    return `array of ${items === undefined ? 'any' : typeOf(items)}`;
  }
  if (typeof field.type === 'string') return bounds === '' ? field.type : `${field.type} (${bounds})`;
  return 'any';
}

function anchor(type: string): string {
  return type.replace(/[^a-z0-9-]/gi, '').toLowerCase();
}

/** Markdown table cells: no pipes or line breaks inside. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
