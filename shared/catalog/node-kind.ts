// What the catalog knows about one node kind: its title and docs for the palette, its config schema,
// its output ports and which config fields hold JSONata. The engine's executor for a kind lives in
// main/engine/nodes/<kind>.ts; adding a kind means adding that file and one file in ./kinds, plus one
// registry line on each side (./index.ts, main/engine/nodes/index.ts; a test checks they match).
import type { z } from 'zod';

export type NodeCategory = 'trigger' | 'transform' | 'control' | 'store' | 'http' | 'output';

/** A config field that holds JSONata: a full expression, or a template with `{{ … }}` parts. */
export interface JsonataField {
  /** Path inside `config`, e.g. ['rules', 0, 'condition']. */
  path: Array<string | number>;
  kind: 'expression' | 'template';
  source: string;
}

export interface NodeKind<Config = unknown> {
  type: string;
  /** The palette name, e.g. "Map". */
  title: string;
  category: NodeCategory;
  description: string;
  /** Validates and fills defaults of `config`. */
  configSchema: z.ZodType<Config>;
  /** A config that is valid for a freshly added node. */
  defaultConfig: Config;
  /** Output ports for this config. The implicit `error` port is not listed. */
  ports(config: Config): string[];
  /** Every JSONata expression/template in this config, for validation and the mapping editor. */
  jsonataFields(config: Config): JsonataField[];
  /** Triggers start messages and accept no incoming edges. */
  isTrigger?: boolean;
  /**
   * What running the kind does outside Pipewright: `none` (mapping, routing, logging — the engine may
   * run it fused in memory with its upstream step, and repeating it after a crash changes nothing) or
   * `external` (HTTP, SQL, files: at-least-once, carries an idempotency key). The engine's fusion and
   * the designer's "this will call a real system" note both read it.
   */
  effects: NodeEffects;
}

export type NodeEffects = 'none' | 'external';

/** Helper so each kind file gets its config type inferred from its schema. */
export function defineNodeKind<Schema extends z.ZodType>(kind: NodeKind<z.output<Schema>> & { configSchema: Schema }): NodeKind<z.output<Schema>> {
  return kind;
}
