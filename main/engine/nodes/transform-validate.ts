// transform.validate: a payload the node's JSON Schema accepts goes on by `out`; any other leaves by
// `invalid` as `{ payload, errors: [{ path, message }] }`, one entry per failing field (ajv, allErrors).
// `path` is a JSON pointer into the payload: "/customer/email", "/lines/2/qty", "" for the payload itself.
import type { TransformValidateConfig } from '../../../shared/catalog/kinds/transform-validate.js';
import { compileJsonSchema, type ErrorObject, type ValidateFunction } from '../../../shared/json-schema/compile.js';
import { NodeError } from '../errors.js';
import type { NodeExecutor } from '../types.js';

export interface ValidationFailure {
  path: string;
  message: string;
}

// One compiled schema per node config (the engine parses a node's config once per run plan).
const compiled = new WeakMap<object, ValidateFunction | NodeError>();

export const transformValidateExecutor: NodeExecutor<TransformValidateConfig> = {
  type: 'transform.validate',
  async execute(input, ctx) {
    const validate = validatorOf(ctx.config);
    if (validate(input.payload)) return [{ port: 'out', payload: input.payload }];
    return [{ port: 'invalid', payload: { payload: input.payload, errors: (validate.errors ?? []).map(failureOf) } }];
  },
};

function validatorOf(config: TransformValidateConfig): ValidateFunction {
  let validate = compiled.get(config);
  if (validate === undefined) {
    const result = compileJsonSchema(config.schema);
    // Flow validation refuses such a schema; this is for a flow that reached the engine some other way.
    validate = result.ok === true
      ? result.validate
      : new NodeError('VALIDATE_SCHEMA_INVALID', `The schema ${result.ok === false ? result.message : 'could not be compiled here'}; fix the node's schema.`, { transient: false });
    compiled.set(config, validate);
  }
  if (validate instanceof NodeError) throw validate;
  return validate;
}

/** ajv names the object for `required` and `additionalProperties`; the failing field is the property. */
function failureOf(error: ErrorObject): ValidationFailure {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  if (error.keyword === 'required' && params.missingProperty !== undefined) {
    return { path: `${error.instancePath}/${escapePointer(params.missingProperty)}`, message: 'is required' };
  }
  if (error.keyword === 'additionalProperties' && params.additionalProperty !== undefined) {
    return { path: `${error.instancePath}/${escapePointer(params.additionalProperty)}`, message: 'is not allowed' };
  }
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  const values = error.keyword === 'enum' && Array.isArray(allowed) ? `: ${allowed.map((value) => JSON.stringify(value)).join(', ')}` : '';
  return { path: error.instancePath, message: `${error.message ?? `fails "${error.keyword}"`}${values}` };
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
