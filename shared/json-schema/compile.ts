// JSON Schema (draft 2020-12, with formats) compiled the one way Pipewright does it. transform.validate's
// config check (shared, when a flow is validated) and its executor (main, per message) both use this
// module, so a schema that passes `pipewright validate` is one the engine can run, and the other way round.
//
// ajv turns a schema into JavaScript with `new Function`. The designer's Content-Security-Policy forbids
// that (`script-src 'self'`, no 'unsafe-eval', shared/designer-csp.ts), and weakening it for one node kind
// would be the wrong trade. So where code cannot be generated the check answers `unchecked`, and the full
// check happens where flows are validated in Node: `pipewright validate`, the service's flows.validate,
// every run and deploy (the engine validates a flow when it registers it).
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule, { type FormatsPlugin } from 'ajv-formats';

export type { ErrorObject, ValidateFunction };

export type JsonSchemaCompilation =
  | { ok: true; validate: ValidateFunction }
  | { ok: false; message: string }
  /** This environment cannot compile (the designer under its CSP); Node-side validation checks it. */
  | { ok: 'unchecked' };

// ajv-formats is CommonJS with `exports.default`: Node's ESM gives the module object, bundlers the function.
const addFormats: FormatsPlugin = (formatsModule as unknown as { default?: FormatsPlugin }).default ?? (formatsModule as unknown as FormatsPlugin);

let ajv: Ajv2020 | undefined;
/** Set at the first EvalError: trying again would build the meta-schema's code each time for nothing. */
let cannotGenerateCode = false;

function instance(): Ajv2020 {
  if (ajv) return ajv;
  ajv = new Ajv2020({
    allErrors: true,
    // Unknown keywords ("requried") are refused: a typo must not silently validate nothing. Type and tuple
    // strictness only warn in ajv; they are left off so nothing is printed to the console.
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    // A compiled schema is not registered under its $id: two nodes may use the same $id with different
    // content, and nothing would ever remove the registration.
    addUsedSchema: false,
    logger: false,
  });
  addFormats(ajv);
  return ajv;
}

// Compilation is slow next to validation; flows are validated again on every load and save, so results
// are kept by the schema's text (bounded: oldest out first).
const MAX_CACHED = 200;
const cache = new Map<string, JsonSchemaCompilation>();

/** The compiled schema, or why it does not compile (its place inside the schema as a JSON pointer). */
export function compileJsonSchema(schema: Record<string, unknown>): JsonSchemaCompilation {
  if (cannotGenerateCode) return { ok: 'unchecked' };
  const text = JSON.stringify(schema);
  const cached = cache.get(text);
  if (cached) return cached;
  const result = compileUncached(schema);
  if (result.ok === 'unchecked') return result;
  cache.set(text, result);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return result;
}

function compileUncached(schema: Record<string, unknown>): JsonSchemaCompilation {
  const ajv = instance();
  try {
    if (!ajv.validateSchema(schema)) return { ok: false, message: `is not a valid JSON Schema: ${describeSchemaErrors(ajv.errors ?? [])}` };
    const validate = ajv.compile(schema);
    return { ok: true, validate };
  } catch (error) {
    if (error instanceof EvalError) {
      cannotGenerateCode = true;
      return { ok: 'unchecked' };
    }
    return { ok: false, message: `is not a usable JSON Schema: ${(error as Error).message}` };
  } finally {
    // Compiled functions keep what they need; ajv's own cache would otherwise hold every schema ever seen.
    ajv.removeSchema(schema);
  }
}

/**
 * The meta-schema's complaints, most specific first, at most three. `anyOf`/`oneOf` summaries only repeat
 * the alternatives' errors, so they are left out when there are others.
 */
function describeSchemaErrors(errors: ReadonlyArray<ErrorObject>): string {
  const specific = errors.filter((error) => error.keyword !== 'anyOf' && error.keyword !== 'oneOf');
  const lines = [...new Set((specific.length > 0 ? specific : errors).map(describeSchemaError))];
  const shown = lines.slice(0, 3).join('; ');
  return lines.length > 3 ? `${shown} (and ${lines.length - 3} more)` : shown;
}

function describeSchemaError(error: ErrorObject): string {
  const place = error.instancePath === '' ? 'at the top' : `at ${error.instancePath}`;
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  const values = error.keyword === 'enum' && Array.isArray(allowed) ? ` (${allowed.map((value) => JSON.stringify(value)).join(', ')})` : '';
  return `${place} ${error.message ?? 'is invalid'}${values}`;
}
