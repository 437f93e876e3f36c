// The JSONata built-in functions (JSONata 2.x standard library) with their signatures and one-line
// docs, for the mapping editor's completion and signature help. Data only: no editor code here.

export type JsonataFunctionCategory = 'string' | 'numeric' | 'aggregation' | 'boolean' | 'array' | 'object' | 'date' | 'higher-order';

export interface JsonataFunction {
  /** With the leading `$`, e.g. `$substring`. */
  name: string;
  /** How it is called; optional arguments in brackets. */
  signature: string;
  /** One line on what it returns. */
  doc: string;
  category: JsonataFunctionCategory;
}

const f = (category: JsonataFunctionCategory, signature: string, doc: string): JsonataFunction => ({
  name: signature.slice(0, signature.indexOf('(')),
  signature,
  doc,
  category,
});

export const jsonataFunctions: readonly JsonataFunction[] = [
  f('string', '$string(arg[, prettify])', 'Casts arg to a string; objects and arrays become JSON.'),
  f('string', '$length(str)', 'The number of characters in str.'),
  f('string', '$substring(str, start[, length])', 'The part of str from start (negative counts from the end), length characters long.'),
  f('string', '$substringBefore(str, chars)', 'The part of str before the first occurrence of chars (all of str when absent).'),
  f('string', '$substringAfter(str, chars)', 'The part of str after the first occurrence of chars (all of str when absent).'),
  f('string', '$uppercase(str)', 'str with every character in upper case.'),
  f('string', '$lowercase(str)', 'str with every character in lower case.'),
  f('string', '$trim(str)', 'str with whitespace normalised: runs collapsed to one space, ends trimmed.'),
  f('string', '$pad(str, width[, char])', 'str padded with char (default space) to width; negative width pads on the left.'),
  f('string', '$contains(str, pattern)', 'true when str contains pattern (a string or a regex).'),
  f('string', '$split(str, separator[, limit])', 'An array of the parts of str between separators (a string or a regex).'),
  f('string', '$join(array[, separator])', 'The strings of array joined with separator (default empty).'),
  f('string', '$match(str, pattern[, limit])', 'Regex matches in str, each with match, index and groups.'),
  f('string', '$replace(str, pattern, replacement[, limit])', 'str with matches of pattern replaced (replacement may be a function).'),
  f('string', '$eval(expr[, context])', 'Evaluates the JSONata expression in the string expr against context.'),
  f('string', '$base64encode(str)', 'str encoded as Base64.'),
  f('string', '$base64decode(str)', 'The string decoded from Base64 str.'),
  f('string', '$encodeUrlComponent(str)', 'str encoded as a URL component (like encodeURIComponent).'),
  f('string', '$encodeUrl(str)', 'str encoded as a full URL (like encodeURI).'),
  f('string', '$decodeUrlComponent(str)', 'The URL component str decoded.'),
  f('string', '$decodeUrl(str)', 'The URL str decoded.'),
  f('numeric', '$number(arg)', 'arg cast to a number (strings parsed as JSON numbers, booleans to 0/1).'),
  f('numeric', '$abs(number)', 'The absolute value of number.'),
  f('numeric', '$floor(number)', 'number rounded down.'),
  f('numeric', '$ceil(number)', 'number rounded up.'),
  f('numeric', '$round(number[, precision])', 'number rounded half to even, to precision decimal places.'),
  f('numeric', '$power(base, exponent)', 'base raised to exponent.'),
  f('numeric', '$sqrt(number)', 'The square root of number.'),
  f('numeric', '$random()', 'A pseudo-random number ≥ 0 and < 1.'),
  f('numeric', '$formatNumber(number, picture[, options])', 'number as a string laid out by an XPath picture, e.g. "#,##0.00".'),
  f('numeric', '$formatBase(number[, radix])', 'number as a string in base radix (2–36, default 10).'),
  f('numeric', '$formatInteger(number, picture)', 'An integer as a string by an XPath picture, e.g. "w" for words or "I" for Roman.'),
  f('numeric', '$parseInteger(string, picture)', 'The integer a string written with an XPath picture stands for.'),
  f('aggregation', '$sum(array)', 'The sum of the numbers in array.'),
  f('aggregation', '$max(array)', 'The largest number in array.'),
  f('aggregation', '$min(array)', 'The smallest number in array.'),
  f('aggregation', '$average(array)', 'The mean of the numbers in array.'),
  f('boolean', '$boolean(arg)', 'arg cast to a boolean by JSONata\'s truthiness rules.'),
  f('boolean', '$not(arg)', 'The boolean negation of arg.'),
  f('boolean', '$exists(arg)', 'true when arg evaluates to a value, false when it is undefined.'),
  f('array', '$count(array)', 'The number of items in array.'),
  f('array', '$append(array1, array2)', 'One array: the items of array1 then those of array2.'),
  f('array', '$sort(array[, function])', 'array sorted; function($l, $r) returns true when $l belongs after $r.'),
  f('array', '$reverse(array)', 'array in reverse order.'),
  f('array', '$shuffle(array)', 'array in random order.'),
  f('array', '$distinct(array)', 'array with duplicate values removed.'),
  f('array', '$zip(array1, …)', 'An array of arrays: the first items of each, then the second items, and so on.'),
  f('object', '$keys(object)', 'The keys of object (of every object, for an array of objects).'),
  f('object', '$lookup(object, key)', 'The value at key in object (in every object, for an array).'),
  f('object', '$spread(object)', 'An array with one single-key object per key of object.'),
  f('object', '$merge(array)', 'One object with the keys of every object in array; later ones win.'),
  f('object', '$sift(object, function)', 'object with only the pairs for which function($v, $k) is truthy.'),
  f('object', '$each(object, function)', 'An array of function($v, $k) for every pair of object.'),
  f('object', '$error(message)', 'Stops the evaluation with an error carrying message.'),
  f('object', '$assert(condition, message)', 'Stops the evaluation with message when condition is false.'),
  f('object', '$type(value)', 'The type of value: "null", "number", "string", "boolean", "array", "object" or "function".'),
  f('date', '$now([picture[, timezone]])', 'The current time as an ISO 8601 string (the same for the whole evaluation).'),
  f('date', '$millis()', 'The current time in milliseconds since the Unix epoch.'),
  f('date', '$fromMillis(number[, picture[, timezone]])', 'Milliseconds since the epoch as a time string (ISO 8601 or a picture).'),
  f('date', '$toMillis(timestamp[, picture])', 'Milliseconds since the epoch of a time string (ISO 8601 or a picture).'),
  f('higher-order', '$map(array, function)', 'An array of function($v, $i, $a) for every item.'),
  f('higher-order', '$filter(array, function)', 'The items for which function($v, $i, $a) is truthy.'),
  f('higher-order', '$single(array[, function])', 'The one item that satisfies function; an error if none or several do.'),
  f('higher-order', '$reduce(array, function[, init])', 'array folded with function($acc, $v) from init.'),
];

const byName = new Map(jsonataFunctions.map((fn) => [fn.name, fn]));

export function getJsonataFunction(name: string): JsonataFunction | undefined {
  return byName.get(name.startsWith('$') ? name : `$${name}`);
}
