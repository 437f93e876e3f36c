// The numeric built-ins ($sum $count $max $min $average $round $floor $ceil $abs $power $sqrt $number
// $formatBase), native and synchronous with jsonata 2.x's semantics (jsonata.js `functions` module).
import type { BuiltinFunction } from '../contract.js';
import { defineBuiltin } from './define.js';
import { jsonataError } from './errors.js';

type Numbers = number[] | undefined;

function total(numbers: number[]): number {
  let sum = 0;
  for (const value of numbers) sum += value;
  return sum;
}

/** Exact powers of ten (10^0 … 10^15 are exactly representable doubles). */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, exponent) => 10 ** exponent);

/** jsonata's round: half to even, with the decimal shift done on the string form to avoid float error. */
export function roundHalfEven(value: number, precision?: number): number {
  if (precision !== undefined && precision > 0 && precision <= 15 && Number.isInteger(precision)) {
    const fast = roundFarFromHalf(value, POWERS_OF_TEN[precision] as number);
    if (fast !== undefined) return fast;
  }
  let shifted = value;
  if (precision) {
    const [mantissa, exponent] = value.toString().split('e');
    shifted = +`${mantissa}e${exponent ? +exponent + precision : precision}`;
  }
  let result = Math.round(shifted);
  if (Math.abs(result - shifted) === 0.5 && Math.abs(result % 2) === 1) result -= 1;
  if (precision) {
    const [mantissa, exponent] = result.toString().split('e');
    result = +`${mantissa}e${exponent ? +exponent - precision : -precision}`;
  }
  return Object.is(result, -0) ? 0 : result;
}

/**
 * The same rounding without strings, when the shifted value is clearly not a half: the float product
 * `value * scale` and the string shift jsonata does differ by a few units in the last place, which can
 * change Math.round only next to a .5, so away from it both round to the same integer. Dividing that
 * integer by an exact power of ten is correctly rounded, as parsing `<integer>e-<precision>` is, so the
 * result is the very same double. Undefined near a half or for values too large to shift exactly.
 */
function roundFarFromHalf(value: number, scale: number): number | undefined {
  const shifted = value * scale;
  const magnitude = Math.abs(shifted);
  if (!(magnitude < 2 ** 52)) return undefined;
  const fraction = shifted - Math.floor(shifted);
  if (Math.abs(fraction - 0.5) <= magnitude * 1e-14 + 1e-9) return undefined;
  const result = Math.round(shifted) / scale;
  return Object.is(result, -0) ? 0 : result;
}

const NUMBER_TEXT = /^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$/;
const PREFIXED_INTEGER_TEXT = /^(0[xX][0-9A-Fa-f]+)|(0[oO][0-7]+)|(0[bB][0-1]+)$/;

/** jsonata's $number cast (D3030 for anything it cannot read). */
export function castToNumber(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && NUMBER_TEXT.test(value) && !Number.isNaN(parseFloat(value)) && Number.isFinite(Number(value))) {
    return parseFloat(value);
  }
  if (typeof value === 'string' && PREFIXED_INTEGER_TEXT.test(value)) return Number(value);
  if (value === true) return 1;
  if (value === false) return 0;
  throw jsonataError('D3030', { value, index: 1 });
}

export const numericFunctions: readonly BuiltinFunction[] = [
  defineBuiltin('sum', '<a<n>:n>', ([numbers]) => (numbers === undefined ? undefined : total(numbers as number[]))),
  defineBuiltin('count', '<a:n>', ([items]) => (items === undefined ? 0 : (items as unknown[]).length)),
  defineBuiltin('max', '<a<n>:n>', ([numbers]) => {
    const list = numbers as Numbers;
    return list === undefined || list.length === 0 ? undefined : Math.max(...list);
  }),
  defineBuiltin('min', '<a<n>:n>', ([numbers]) => {
    const list = numbers as Numbers;
    return list === undefined || list.length === 0 ? undefined : Math.min(...list);
  }),
  defineBuiltin('average', '<a<n>:n>', ([numbers]) => {
    const list = numbers as Numbers;
    return list === undefined || list.length === 0 ? undefined : total(list) / list.length;
  }),
  defineBuiltin('round', '<n-n?:n>', ([value, precision]) =>
    value === undefined ? undefined : roundHalfEven(value as number, precision as number | undefined),
  ),
  defineBuiltin('floor', '<n-:n>', ([value]) => (value === undefined ? undefined : Math.floor(value as number))),
  defineBuiltin('ceil', '<n-:n>', ([value]) => (value === undefined ? undefined : Math.ceil(value as number))),
  defineBuiltin('abs', '<n-:n>', ([value]) => (value === undefined ? undefined : Math.abs(value as number))),
  defineBuiltin('sqrt', '<n-:n>', ([value]) => {
    if (value === undefined) return undefined;
    if ((value as number) < 0) throw jsonataError('D3060', { index: 1, value });
    return Math.sqrt(value as number);
  }),
  defineBuiltin('power', '<n-n:n>', ([base, exponent]) => {
    if (base === undefined) return undefined;
    const result = Math.pow(base as number, exponent as number);
    if (!Number.isFinite(result)) throw jsonataError('D3061', { index: 1, value: base, exp: exponent });
    return result;
  }),
  defineBuiltin('number', '<(nsb)-:n>', ([value]) => castToNumber(value)),
  defineBuiltin('formatBase', '<n-n?:s>', ([value, radix]) => {
    if (value === undefined) return undefined;
    const base = radix === undefined ? 10 : roundHalfEven(radix as number);
    if (base < 2 || base > 36) throw jsonataError('D3100', { value: base });
    return roundHalfEven(value as number).toString(base);
  }),
];
