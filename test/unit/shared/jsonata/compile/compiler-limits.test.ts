// What the compiler leaves to jsonata (and says why), and the limits compiled code runs under: a runaway
// loop stops with D1012 and an endless recursion with D1011, the codes jsonata's own timeout/stack
// options give; a binding only the interpreter can call asks for it (NeedsInterpreter).
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { compileJsonata } from '../../../../../shared/jsonata/compile/compile.js';
import { NeedsInterpreter } from '../../../../../shared/jsonata/compile/contract.js';
import { createEvaluationGuard } from '../../../../../shared/jsonata/compile/guard.js';
import { fallbackReason, ORDER, runCompiled } from './compiler-harness.js';

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('fallback to jsonata', () => {
  it.each([
    ['a regex literal', '$contains(customer.name, /ann/i)', 'regex literal'],
    ['the parent operator', 'lines.%.id', 'parent operator %'],
    ['a transform', '$ ~> |lines|{"checked": true}|', 'transform |…|'],
    ['a focus binding', 'lines@$l.$l.sku', 'focus @ / index # binding'],
    ['an index binding', 'lines#$i.sku', 'focus @ / index # binding'],
    ['$eval', '$eval("1 + 1")', 'function $eval'],
    ['a lambda with a signature', 'function($x)<n:n>{ $x }(1)', 'lambda signature'],
  ])('leaves %s to jsonata', (_title, source, reason) => {
    expect(fallbackReason(source)).toBe(reason);
  });

  it('reports a syntax error as not compiled, for the host to report as jsonata would', () => {
    const outcome = compileJsonata('lines[');
    expect(outcome.compiled).toBe(false);
    expect(!outcome.compiled && outcome.reason).toMatch(/^syntax error/);
  });

  it('compiles a typical mapping', () => {
    expect(fallbackReason('{ "id": id, "total": $sum(lines.(qty * price)), "skus": lines[qty > 1].sku }')).toBeUndefined();
  });
});

describe('limits of compiled code', () => {
  it('stops a runaway loop with D1012 at the time limit', () => {
    const error = thrownBy(() => runCompiled('[1..10000000].($ * 2)', {}, { timeoutMs: 50 }));
    expect(error).toMatchObject({ code: 'D1012', value: 50, message: 'Evaluation timeout after 50 milliseconds. Check for infinite loop' });
  });

  it('stops an endless tail recursion (which does not deepen) with D1012', () => {
    const error = thrownBy(() => runCompiled('($f := function($n){ $f($n + 1) }; $f(0))', {}, { timeoutMs: 50 }));
    expect(error).toMatchObject({ code: 'D1012' });
  });

  it('stops an endless recursion with D1011 at the depth limit', async () => {
    const source = '($f := function($n){ 1 + $f($n + 1) }; $f(0))';
    const error = thrownBy(() => runCompiled(source, {}, { maxDepth: 200 }));
    expect(error).toMatchObject({ code: 'D1011', value: 200 });
    // jsonata with a stack limit stops the same expression with the same code.
    await expect(jsonata(source, { stack: 200 } as never).evaluate({})).rejects.toMatchObject({ code: 'D1011' });
  });

  it('lets a deep but finite recursion finish within the depth limit', () => {
    expect(runCompiled('($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(150))', {}, { maxDepth: 200 })).toBe(150);
  });

  it('asks for the interpreter when a variable is bound to a JavaScript function', () => {
    const error = thrownBy(() => runCompiled('$double(total)', ORDER, { bindings: { double: (x: number) => x * 2 } }));
    expect(error).toBeInstanceOf(NeedsInterpreter);
  });

  it('reads plain bound values without the interpreter', () => {
    expect(runCompiled('$rate * total', ORDER, { bindings: { rate: 2 } })).toBe(259);
  });
});

describe('the evaluation guard', () => {
  it('counts depth: enter past the limit throws D1011, leave makes room again', () => {
    const guard = createEvaluationGuard({ timeoutMs: 0, maxDepth: 2 });
    guard.enter();
    guard.enter();
    expect(thrownBy(() => guard.enter())).toMatchObject({ code: 'D1011', value: 2 });
    guard.leave();
    expect(() => guard.enter()).not.toThrow();
  });

  it('throws D1012 from tick once the time limit has passed', async () => {
    const guard = createEvaluationGuard({ timeoutMs: 5, maxDepth: 0 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    let error: unknown;
    for (let tick = 0; tick < 1000 && error === undefined; tick++) {
      try {
        guard.tick();
      } catch (thrown) {
        error = thrown;
      }
    }
    expect(error).toMatchObject({ code: 'D1012', value: 5 });
  });
});
