// The string built-ins that search or assemble ($contains $split $replace $join). Only jsonata 2.x's
// plain-string forms are native: a regex or function matcher makes the call throw NeedsInterpreter so
// the host re-runs the expression with jsonata (its regex engine and matcher protocol stay the judge).
import type { BuiltinFunction, EvaluationGuard } from '../contract.js';
import { NeedsInterpreter } from '../contract.js';
import { defineBuiltin } from './define.js';
import { jsonataError } from './errors.js';

function contains(text: string | undefined, token: unknown): boolean | undefined {
  if (text === undefined || token === undefined) return undefined;
  if (typeof token !== 'string') throw new NeedsInterpreter('$contains with a regex or function matcher');
  return text.includes(token);
}

function split(text: string | undefined, separator: unknown, limit: number | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  if ((limit as number) < 0) throw jsonataError('D3020', { value: limit, index: 3 });
  if (limit !== undefined && !(limit > 0)) return [];
  if (typeof separator !== 'string') throw new NeedsInterpreter('$split with a regex or function separator');
  return text.split(separator, limit);
}

/** jsonata's string-pattern replace: the replacement is inserted literally (no `$1` expansion). */
function replace(text: string | undefined, pattern: unknown, replacement: unknown, limit: number | undefined, guard: EvaluationGuard): string | undefined {
  if (text === undefined) return undefined;
  if (pattern === '') throw jsonataError('D3010', { value: pattern, index: 2 });
  if ((limit as number) < 0) throw jsonataError('D3011', { value: limit, index: 4 });
  if (limit !== undefined && !(limit > 0)) return text;
  if (typeof pattern !== 'string' || typeof replacement !== 'string') {
    throw new NeedsInterpreter('$replace with a regex pattern or a function or missing replacement');
  }
  let result = '';
  let position = 0;
  let count = 0;
  let index = text.indexOf(pattern, position);
  while (index !== -1 && (limit === undefined || count < limit)) {
    guard.tick();
    result += text.substring(position, index) + replacement;
    position = index + pattern.length;
    count++;
    index = text.indexOf(pattern, position);
  }
  return result + text.substring(position);
}

/** Array.prototype.join's result, built with a guard tick per item so a huge join can be stopped. */
function join(texts: string[] | undefined, separator: string | undefined, guard: EvaluationGuard): string | undefined {
  if (texts === undefined) return undefined;
  const glue = separator ?? '';
  let result = '';
  texts.forEach((text, index) => {
    guard.tick();
    result += index === 0 ? text : glue + text;
  });
  return result;
}

export const textSearchFunctions: readonly BuiltinFunction[] = [
  defineBuiltin('contains', '<s-(sf):b>', ([text, token]) => contains(text as string | undefined, token)),
  defineBuiltin('split', '<s-(sf)n?:a<s>>', ([text, separator, limit]) => split(text as string | undefined, separator, limit as number | undefined)),
  defineBuiltin('replace', '<s-(sf)(sf)n?:s>', ([text, pattern, replacement, limit], context) =>
    replace(text as string | undefined, pattern, replacement, limit as number | undefined, context.guard),
  ),
  defineBuiltin('join', '<a<s>s?:s>', ([texts, separator], context) => join(texts as string[] | undefined, separator as string | undefined, context.guard)),
];
