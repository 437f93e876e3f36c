import { z } from 'zod';
import { compileJsonSchema } from '../../json-schema/compile.js';
import { defineNodeKind } from '../node-kind.js';

export const transformValidateConfig = z.strictObject({
  schema: z.record(z.string(), z.unknown()).superRefine((schema, ctx) => {
    const compiled = compileJsonSchema(schema);
    if (compiled.ok === false) ctx.addIssue({ code: 'custom', message: compiled.message });
  }).describe("A JSON Schema (draft 2020-12; `format`s such as email, date-time, uri are checked). It must compile: unknown keywords (typos), unresolvable `$ref`s, unknown formats and bad patterns are refused when the flow is validated (see shared/json-schema/compile.ts for where that check runs)."),
});
export type TransformValidateConfig = z.infer<typeof transformValidateConfig>;

export const transformValidate = defineNodeKind({
  type: 'transform.validate',
  title: 'Validate',
  category: 'transform',
  effects: 'none',
  description:
    'Checks each message against a JSON Schema (draft 2020-12, with formats). A valid message goes on by `out` unchanged; '
    + 'an invalid one leaves by `invalid` as `{ "payload": …, "errors": [{ "path", "message" }] }`, one error per failing field, '
    + 'where `path` is a JSON pointer into the payload ("/customer/email"; "" is the payload itself).',
  configSchema: transformValidateConfig,
  defaultConfig: { schema: { type: 'object' } },
  ports: () => ['out', 'invalid'],
  jsonataFields: () => [],
});
