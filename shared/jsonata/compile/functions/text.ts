// The string built-ins ($string $substring $substringBefore $substringAfter $lowercase $uppercase $trim
// $length $pad) with jsonata 2.x's semantics: lengths and offsets count code points, not UTF-16 units.
import type { BuiltinFunction, EvaluationGuard } from '../contract.js';
import { defineBuiltin } from './define.js';
import { jsonataError } from './errors.js';
import { codePointLength, codePoints, isFunctionValue, isNumeric, isSingleUnitText } from './values.js';

/** jsonata's $string: numbers to 15 significant digits (also inside objects/arrays), functions as "". */
export function stringify(value: unknown, prettify = false): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (isFunctionValue(value)) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw jsonataError('D3001', { value });
    // what JSON.stringify gives through the replacer below, without its cost ($string(id) is common)
    return String(Number.isInteger(value) ? value : Number(value.toPrecision(15)));
  }
  if (typeof value === 'boolean' || value === null) return String(value);
  // the whole input of an evaluation arrives wrapped in a one-item sequence (jsonata's outerWrapper)
  const unwrapped = Array.isArray(value) && (value as { outerWrapper?: boolean }).outerWrapper ? (value as unknown[])[0] : value;
  return JSON.stringify(
    unwrapped,
    (_key, item: unknown) => {
      if (item !== undefined && item !== null && isNumeric(item)) {
        return Number.isInteger(item) ? item : Number(item.toPrecision(15));
      }
      return item && isFunctionValue(item) ? '' : item;
    },
    prettify ? 2 : 0,
  );
}

/** jsonata's substring over code points; a negative start counts from the end. */
export function substring(text: string, start: number, length?: number): string {
  // String.slice and Array.slice treat negative, fractional and missing bounds alike, so a string
  // without surrogates is sliced directly
  const characters = isSingleUnitText(text) ? undefined : codePoints(text);
  const count = characters ? characters.length : text.length;
  const slice = (from: number, end?: number): string => (characters ? characters.slice(from, end).join('') : text.slice(from, end));
  const from = count + start < 0 ? 0 : start;
  if (length !== undefined) {
    if (length <= 0) return '';
    return slice(from, from >= 0 ? from + length : count + from + length);
  }
  return slice(from);
}

function trim(text: string): string {
  let result = text.replace(/[ \t\n\r]+/gm, ' ');
  if (result.charAt(0) === ' ') result = result.substring(1);
  if (result.charAt(result.length - 1) === ' ') result = result.substring(0, result.length - 1);
  return result;
}

/** V8's longest string; jsonata's `new Array(n + 1).join(char)` fails past it, and so does this. */
const MAX_STRING_LENGTH = 2 ** 29 - 24;
/** Code units appended per guard tick while building padding. */
const PAD_CHUNK = 1 << 16;

/**
 * jsonata builds `padLength` copies of the pad text and keeps `padLength` code points of it. The same
 * text is built here in chunks with a guard tick per chunk, so `$pad("", 4e8)` can time out mid-way;
 * lengths jsonata cannot allocate fail with the same RangeError.
 */
function padding(padText: string, padLength: number, guard: EvaluationGuard): string {
  if (padLength + 1 > 2 ** 32 - 1) throw new RangeError('Invalid array length');
  if (padLength * padText.length > MAX_STRING_LENGTH) throw new RangeError('Invalid string length');
  const chunk = padText.repeat(Math.max(1, Math.floor(PAD_CHUNK / padText.length)));
  let built = '';
  let copies = 0;
  const copiesPerChunk = chunk.length / padText.length;
  while (copies + copiesPerChunk <= padLength) {
    guard.tick();
    built += chunk;
    copies += copiesPerChunk;
  }
  built += padText.repeat(padLength - copies);
  return padText.length > 1 ? substring(built, 0, padLength) : built;
}

function pad(text: string, width: number, padText: string | undefined, guard: EvaluationGuard): string {
  const filler = padText === undefined || padText.length === 0 ? ' ' : padText;
  const whole = Math.trunc(width);
  const padLength = Math.abs(whole) - codePointLength(text);
  if (!(padLength > 0)) return text;
  const filling = padding(filler, padLength, guard);
  return whole > 0 ? text + filling : filling + text;
}

/** jsonata's "undefined inputs always return undefined" for a string first argument (no spread: this is hot). */
const ifDefined =
  <T>(operation: (text: string, second: T, third: T) => unknown) =>
  (args: unknown[]): unknown =>
    args[0] === undefined ? undefined : operation(args[0] as string, args[1] as T, args[2] as T);

export const textFunctions: readonly BuiltinFunction[] = [
  defineBuiltin('string', '<x-b?:s>', ([value, prettify]) => stringify(value, prettify === true)),
  defineBuiltin('substring', '<s-nn?:s>', ifDefined<number>((text, start, length) => substring(text, start, length))),
  defineBuiltin(
    'substringBefore',
    '<s-s:s>',
    ifDefined<string>((text, chars) => {
      const at = text.indexOf(chars);
      return at > -1 ? text.substring(0, at) : text;
    }),
  ),
  defineBuiltin(
    'substringAfter',
    '<s-s:s>',
    ifDefined<string>((text, chars) => {
      const at = text.indexOf(chars);
      return at > -1 ? text.substring(at + chars.length) : text;
    }),
  ),
  defineBuiltin('lowercase', '<s-:s>', ifDefined((text) => text.toLowerCase())),
  defineBuiltin('uppercase', '<s-:s>', ifDefined((text) => text.toUpperCase())),
  defineBuiltin('length', '<s-:n>', ifDefined((text) => codePointLength(text))),
  defineBuiltin('trim', '<s-:s>', ifDefined((text) => trim(text))),
  defineBuiltin('pad', '<s-ns?:s>', ([text, width, padText], context) =>
    text === undefined ? undefined : pad(text as string, width as number, padText as string | undefined, context.guard),
  ),
];
