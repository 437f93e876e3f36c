// Errors the built-in functions throw, shaped and worded exactly as jsonata 2.x's (its error catalogue and
// its populateMessage): a plain object with `code`, the call's `position` and `token`, and the message the
// reference would give, so a compiled expression's failure cannot be told apart from the interpreter's.
import type { JsonataErrorShape } from '../contract.js';

/** jsonata's own message templates for the codes these functions can raise (copied from jsonata.js). */
const MESSAGE_TEMPLATES: Readonly<Record<string, string>> = {
  T0410: 'Argument {{index}} of function {{token}} does not match function signature',
  T0411: 'Context value is not a compatible type with argument {{index}} of function {{token}}',
  T0412: 'Argument {{index}} of function {{token}} must be an array of {{type}}',
  D1001: 'Number out of range: {{value}}',
  D3001: 'Attempting to invoke string function on Infinity or NaN',
  D3010: 'Second argument of replace function cannot be an empty string',
  D3011: 'Fourth argument of replace function must evaluate to a positive number',
  D3020: 'Third argument of split function must evaluate to a positive number',
  D3030: 'Unable to cast value to a number: {{value}}',
  D3050: 'The second argument of reduce function must be a function with at least two arguments',
  D3060: 'The sqrt function cannot be applied to a negative number: {{value}}',
  D3061: 'The power function has resulted in a value that cannot be represented as a JSON number: base={{value}}, exponent={{exp}}',
  D3070:
    'The single argument form of the sort function can only be applied to an array of strings or an array of numbers.  Use the second argument to specify a comparison function',
  D3100: 'The radix of the formatBase function must be between 2 and 36.  It was given {{value}}',
  D3110: 'The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given {{value}}',
  D3137: '{{{message}}}',
  D3138: 'The $single() function expected exactly 1 matching result.  Instead it matched more.',
  D3139: 'The $single() function expected exactly 1 matching result.  Instead it matched 0.',
  D3140: 'Malformed URL passed to ${{{functionName}}}(): {{value}}',
  D3141: '{{{message}}}',
};

/** An error on its way out of a built-in: jsonata's fields plus the extra inserts some templates use. */
export type BuiltinError = JsonataErrorShape & Record<string, unknown>;

/** Makes an error; `token`, `position` and `message` are filled in when it leaves the function (see stampCallSite). */
export function jsonataError(code: string, fields: Record<string, unknown> = {}): BuiltinError {
  return { code, message: '', ...fields } as BuiltinError;
}

function isErrorShape(value: unknown): value is BuiltinError {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';
}

/**
 * What jsonata's applyInner and evaluateFunction do to any error that leaves a built-in call: the token
 * becomes the function's name unless the error already names one, the position becomes the call's, and
 * populateMessage words it from the catalogue (leaving an unknown code's message alone).
 */
export function stampCallSite(error: unknown, token: string, position: number): unknown {
  if (!isErrorShape(error)) return error;
  if (error.token === undefined) error.token = token;
  error.position = position;
  const template = MESSAGE_TEMPLATES[error.code];
  if (template !== undefined) {
    error.message = template
      .replace(/\{\{\{([^}]+)}}}/g, (_whole, field: string) => String(error[field]))
      .replace(/\{\{([^}]+)}}/g, (_whole, field: string) => JSON.stringify(error[field]) ?? 'undefined');
  }
  return error;
}
