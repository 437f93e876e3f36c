// Property-based proof of the JSONata compiler (docs/jsonata-compiler.md): fast-check builds random
// expressions from the grammar the compiler supports (paths, predicates, constructors, operators,
// conditionals, blocks, group-by, order-by, ranges, ~> chains, the standard functions with lambdas) over
// random JSON, and the compiled closure must agree with jsonata 2.x on the result or the error code and
// position (./compare.ts). Seeded and bounded, so a run is deterministic; on failure fast-check shrinks
// the expression and input and prints the smallest counterexample.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compiler, disagreement, evaluateCompiled, evaluateReference, TEST_LIMITS, tryCompile } from './compare.js';

const SEED = 20251204;
const RUNS = 400;

/** Field names shared by the data and the expressions, so paths mostly hit something. */
const FIELDS = ['a', 'b', 'price', 'qty', 'name', 'items'] as const;

const scalar = fc.oneof(
  fc.integer({ min: -5, max: 120 }),
  fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('', 'x', 'A b', '12', '1.5', 'abc', 'Zoë'),
  fc.boolean(),
  fc.constant(null),
);

const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', maxDepth: 3 }, scalar, tie('object'), tie('array')),
  object: fc.dictionary(fc.constantFrom(...FIELDS), tie('value'), { maxKeys: 5 }),
  array: fc.array(tie('value'), { maxLength: 4 }),
}));

const input = fc.dictionary(fc.constantFrom(...FIELDS), json.value, { maxKeys: 6 });

const field = fc.constantFrom(...FIELDS);
const literal = fc.oneof(
  fc.integer({ min: -3, max: 50 }).map(String),
  fc.constantFrom('1.5', '0.1', '100', '"x"', '""', '"A b"', '"12"', 'true', 'false', 'null'),
);
/** `$x`/`$y` are bound by blocks and `$v`/`$i`/`$acc` by lambdas; used outside them they are undefined, which is a case too. */
const leaf = fc.oneof(field, literal, fc.constantFrom('$', '$$', '$x', '$y', '$v', '$i', '*'));

const BINARY = ['+', '-', '*', '/', '%', '=', '!=', '<', '<=', '>', '>=', 'and', 'or', '&', 'in'] as const;
const UNARY_FUNCTIONS = ['$sum', '$count', '$string', '$number', '$exists', '$uppercase', '$lowercase', '$length', '$keys', '$max', '$min', '$average', '$boolean', '$not', '$abs', '$floor', '$trim', '$distinct', '$sort', '$reverse'] as const;
const CHAIN_TARGETS = ['$sum()', '$count()', '$string()', '$join(",")', '$distinct()', '$exists()', '$map(function($v) { $v })'] as const;

/** Expressions up to `depth` levels deep; each level's arbitrary is built once and shared. */
function expressions(depth: number): fc.Arbitrary<string> {
  if (depth === 0) return leaf;
  const inner = expressions(depth - 1);
  const smallInt = fc.integer({ min: -2, max: 4 });
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 3, arbitrary: fc.tuple(inner, field).map(([step, name]) => `(${step}).${name}`) },
    { weight: 2, arbitrary: fc.tuple(field, inner).map(([name, predicate]) => `${name}[${predicate}]`) },
    { weight: 2, arbitrary: fc.tuple(field, smallInt).map(([name, index]) => `${name}[${index}]`) },
    { weight: 1, arbitrary: fc.tuple(field, field).map(([name, next]) => `${name}.${next}[]`) },
    { weight: 4, arbitrary: fc.tuple(inner, fc.constantFrom(...BINARY), inner).map(([left, op, right]) => `(${left} ${op} ${right})`) },
    { weight: 1, arbitrary: inner.map((operand) => `-(${operand})`) },
    { weight: 2, arbitrary: fc.tuple(inner, inner, inner).map(([test, then, otherwise]) => `(${test} ? ${then} : ${otherwise})`) },
    { weight: 1, arbitrary: fc.tuple(inner, inner).map(([test, then]) => `(${test} ? ${then})`) },
    { weight: 2, arbitrary: fc.tuple(inner, inner).map(([first, second]) => `{ "k": ${first}, "m": ${second} }`) },
    { weight: 2, arbitrary: fc.array(inner, { maxLength: 3 }).map((items) => `[${items.join(', ')}]`) },
    { weight: 1, arbitrary: fc.tuple(field, inner, inner).map(([name, key, value]) => `${name}{ $string(${key}): ${value} }`) },
    { weight: 1, arbitrary: fc.tuple(field, field, fc.boolean()).map(([name, key, descending]) => `${name}^(${descending ? '>' : ''}${key})`) },
    { weight: 1, arbitrary: smallInt.map((end) => `[1..${end}]`) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('$x', '$y'), inner, inner).map(([name, value, body]) => `(${name} := ${value}; ${body})`) },
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...UNARY_FUNCTIONS), inner).map(([fn, argument]) => `${fn}(${argument})`) },
    { weight: 1, arbitrary: fc.tuple(inner, fc.constantFrom('","', '""', '" "')).map(([argument, separator]) => `$join(${argument}, ${separator})`) },
    { weight: 1, arbitrary: fc.tuple(inner, smallInt).map(([argument, digits]) => `$round(${argument}, ${digits})`) },
    { weight: 1, arbitrary: fc.tuple(inner, smallInt).map(([argument, start]) => `$substring(${argument}, ${start})`) },
    { weight: 1, arbitrary: inner.map((argument) => `$contains(${argument}, "a")`) },
    { weight: 1, arbitrary: inner.map((argument) => `$split(${argument}, " ")`) },
    { weight: 1, arbitrary: inner.map((argument) => `$replace(${argument}, "1", "one")`) },
    { weight: 1, arbitrary: inner.map((argument) => `$lookup(${argument}, "a")`) },
    { weight: 1, arbitrary: fc.tuple(inner, inner).map(([first, second]) => `$merge([${first}, ${second}])`) },
    { weight: 1, arbitrary: fc.tuple(inner, inner).map(([first, second]) => `$append(${first}, ${second})`) },
    { weight: 2, arbitrary: fc.tuple(inner, inner).map(([list, body]) => `$map(${list}, function($v, $i) { ${body} })`) },
    { weight: 2, arbitrary: fc.tuple(inner, inner).map(([list, body]) => `$filter(${list}, function($v) { ${body} })`) },
    { weight: 1, arbitrary: fc.tuple(inner, inner).map(([list, start]) => `$reduce(${list}, function($acc, $v) { $acc + $v }, ${start})`) },
    { weight: 1, arbitrary: fc.tuple(inner, fc.constantFrom(...CHAIN_TARGETS)).map(([value, target]) => `${value} ~> ${target}`) },
  );
}

describe('random expressions over random JSON', () => {
  it('compiled code and jsonata 2.x agree on the result or the error code and position', async () => {
    let compiledCount = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(expressions(3), input, async (source, data) => {
        runs++;
        const reference = await evaluateReference(source, structuredClone(data));
        const outcome = tryCompile(compiler, source);
        if ('thrown' in outcome) {
          expect(disagreement(reference, outcome.thrown), `compileJsonata(${source}) threw`).toBeUndefined();
          return;
        }
        if (!outcome.compiled) return;
        compiledCount++;
        const compiled = evaluateCompiled(outcome, structuredClone(data), compiler.createEvaluationGuard(TEST_LIMITS));
        expect(disagreement(reference, compiled), `${source} on ${JSON.stringify(data)}`).toBeUndefined();
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: false },
    );
    // Otherwise the property would hold vacuously: the grammar above is the compiled subset, so most compile.
    expect(compiledCount / runs).toBeGreaterThan(0.8);
  });
});
