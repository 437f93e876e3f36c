// Mapping evaluation for the editor's live output pane: the engine's own evaluator with its time and
// depth limits, so what the editor shows is what a run will do. A failing expression is a normal
// answer (`ok: false` with the range to squiggle), not a transport error.
import { z } from 'zod';
import type { ErrorData } from '../errors.js';
import { method } from './common.js';

export const evaluateMappingParams = z.strictObject({
  expression: z.string().max(1_000_000),
  /** `$`; omitted means no input. */
  input: z.unknown().optional(),
  /** Extra variables (`$name`); `$meta` is filled with sample metadata unless given. */
  bindings: z.record(z.string(), z.unknown()).optional(),
  /** `template` renders a `{{ … }}` template (http.request URL, headers) to a string. */
  kind: z.enum(['expression', 'template']).optional(),
  /** Lower than the engine's limit (1000 ms) to keep typing snappy; never higher. */
  timeoutMs: z.number().int().min(1).max(1000).optional(),
});

export const mappingMethods = {
  'mapping.evaluate': method(evaluateMappingParams, 'Evaluates a JSONata expression or template against an input with the engine\'s limits.'),
} as const;

/** `error.location.range` is the [start, end) range inside the expression. */
export type MappingErrorData = ErrorData & { jsonataCode: string };

export type MappingResult =
  | { ok: true; /** False when the expression matched nothing (JSONata's undefined). */ hasResult: boolean; result?: unknown; durationMs: number }
  | { ok: false; error: MappingErrorData; durationMs: number };

export interface MappingHandlers {
  'mapping.evaluate': (params: z.infer<typeof evaluateMappingParams>) => Promise<MappingResult>;
}
