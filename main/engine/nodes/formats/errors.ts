// The errors of the text formats: all permanent, since the same text or data fails the same way on
// every attempt.
import { MAX_TEXT_CHARS } from '../../../../shared/catalog/kinds/transform-parse.js';
import { NodeError } from '../../errors.js';

/** Malformed text; `where` already names the row/line/column. */
export function invalidText(format: string, where: string): NodeError {
  return new NodeError('PARSE_INVALID', `the ${format} text is not valid: ${where}`, { transient: false });
}

/** Data the format cannot hold (a key that is no XML name, CSV rows of mixed shapes, nothing at all). */
export function unsupportedData(message: string): NodeError {
  return new NodeError('SERIALIZE_INVALID', message, { transient: false });
}

/** Refuses a text over the limit before any work is done on it. */
export function checkTextSize(text: string, what: string): void {
  if (text.length > MAX_TEXT_CHARS) {
    throw new NodeError('TEXT_TOO_LARGE', `${what} is ${text.length.toLocaleString('en')} characters long; the limit is ${MAX_TEXT_CHARS.toLocaleString('en')} (50 MiB): split the data first`, { transient: false });
  }
}

/** A short description of a value for messages: `an object`, `the number 42`, `nothing`. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return `the ${typeof value} ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`;
}
