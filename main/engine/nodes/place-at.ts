// Puts a value into a copy of the payload at a dotted path (`stored`, `erp.customer`): what store.get
// and file.read do with what they found. Objects on the way are copied, never changed in place.
import type { ErrorCode } from '../../../shared/errors.js';
import { NodeError } from '../errors.js';

/** `what` names the node and the thing placed, for the error: "store.get places the found value". */
export function placeAt(payload: unknown, target: string, value: unknown, failure: { code: ErrorCode; what: string }): Record<string, unknown> {
  if (!isObject(payload)) {
    throw new NodeError(failure.code, `${failure.what} at "${target}" inside the payload, which must be an object, not ${JSON.stringify(payload) ?? 'nothing'}`, { transient: false });
  }
  const root: Record<string, unknown> = { ...payload };
  const fields = target.split('.');
  let at = root;
  for (const field of fields.slice(0, -1)) {
    const next = at[field];
    at = at[field] = isObject(next) ? { ...next } : {};
  }
  at[fields[fields.length - 1] as string] = value;
  return root;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
