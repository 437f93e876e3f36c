// The date/time built-ins without pictures ($now $millis $toMillis $fromMillis): ISO 8601 in UTC, as jsonata
// 2.x formats with its default picture `[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]`. A picture or
// timezone argument, or a year outside 0–9999 (where that picture and toISOString part ways), throws
// NeedsInterpreter: jsonata's picture engine stays the only one.
import type { BuiltinFunction } from '../contract.js';
import { NeedsInterpreter } from '../contract.js';
import { defineBuiltin } from './define.js';
import { jsonataError } from './errors.js';

const ISO_8601 = /^\d{4}(-[01]\d)?(-[0-3]\d)?(T[0-2]\d:[0-5]\d:[0-5]\d)?(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$/;

function isoFromMillis(millis: number): string {
  const date = new Date(millis);
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) throw new NeedsInterpreter('a timestamp outside years 0-9999');
  return date.toISOString();
}

export const dateTimeFunctions: readonly BuiltinFunction[] = [
  defineBuiltin('now', '<s?s?:s>', ([picture, timezone], context) => {
    if (picture !== undefined || timezone !== undefined) throw new NeedsInterpreter('$now with a picture');
    return isoFromMillis(context.timestamp.getTime());
  }),
  defineBuiltin('millis', '<:n>', (_args, context) => context.timestamp.getTime()),
  defineBuiltin('toMillis', '<s-s?:n>', ([timestamp, picture]) => {
    if (timestamp === undefined) return undefined;
    if (picture !== undefined) throw new NeedsInterpreter('$toMillis with a picture');
    if (!ISO_8601.test(timestamp as string)) throw jsonataError('D3110', { value: timestamp });
    return Date.parse(timestamp as string);
  }),
  defineBuiltin('fromMillis', '<n-s?s?:s>', ([millis, picture, timezone]) => {
    if (millis === undefined) return undefined;
    if (picture !== undefined || timezone !== undefined) throw new NeedsInterpreter('$fromMillis with a picture or timezone');
    return isoFromMillis(millis as number);
  }),
];
