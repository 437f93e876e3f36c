// Turns zod issues into Problems with plain-word messages ("is required", "must be a number, not a
// string") instead of zod's defaults ("Invalid input: expected number, received string"). Messages
// written in the schemas themselves win: zod only asks this error map when a schema gave none.
import type { z } from 'zod';
import { formatPath, type Problem } from '../errors.js';

export const plainErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      if (typeof issue.input === 'number' && !Number.isFinite(issue.input)) return 'must be a finite number';
      return `must be ${article(issue.expected)}, not ${describeValue(issue.input)}`;
    case 'too_small':
      return tooSmall(issue.origin, Number(issue.minimum), issue.inclusive !== false, issue.exact === true);
    case 'too_big':
      return tooBig(issue.origin, Number(issue.maximum), issue.inclusive !== false, issue.exact === true);
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return undefined;
  }
};

/** One Problem per issue (and per unknown key), with paths under `base`. */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[], code: string, base: ReadonlyArray<PropertyKey>): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push(withPath({ code, message: `unknown key "${key}" (check the spelling)` }, [...path, key]));
    } else {
      problems.push(withPath({ code, message: issue.message }, path));
    }
  }
  return problems;
}

/** Sets `path` unless it is the document root, which has no path. */
export function withPath(problem: Problem, segments: ReadonlyArray<PropertyKey>): Problem {
  const path = formatPath(segments);
  return path === '' ? problem : { ...problem, path };
}

function tooSmall(origin: string, minimum: number, inclusive: boolean, exact: boolean): string {
  if (origin === 'string') return minimum <= 1 && inclusive ? 'must not be empty' : `must have ${exact ? 'exactly' : 'at least'} ${minimum} characters`;
  if (origin === 'array' || origin === 'set') return `must have ${exact ? 'exactly' : 'at least'} ${minimum} item${minimum === 1 ? '' : 's'}`;
  return inclusive ? `must be at least ${minimum}` : `must be greater than ${minimum}`;
}

function tooBig(origin: string, maximum: number, inclusive: boolean, exact: boolean): string {
  if (origin === 'string') return `must have ${exact ? 'exactly' : 'at most'} ${maximum} characters`;
  if (origin === 'array' || origin === 'set') return `must have ${exact ? 'exactly' : 'at most'} ${maximum} item${maximum === 1 ? '' : 's'}`;
  return inclusive ? `must be at most ${maximum}` : `must be less than ${maximum}`;
}

function article(expected: string): string {
  if (expected === 'int') return 'a whole number';
  if (expected === 'null') return 'null';
  if (expected === 'record') return 'an object';
  if (expected === 'tuple') return 'an array';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isInteger(value)) return `the fraction ${value}`;
  return article(typeof value);
}
