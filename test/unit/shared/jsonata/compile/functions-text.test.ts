import { describe, expect, it } from 'vitest';
import { NeedsInterpreter } from '../../../../../shared/jsonata/compile/contract.js';
import { builtinFunctions } from '../../../../../shared/jsonata/compile/functions/index.js';
import { CountingGuard, expectSameAsJsonata, testContext, viaBuiltin } from './functions-harness.js';

const nativeFunction = (x: unknown): unknown => x;

describe('string built-ins match jsonata', () => {
  it('formats numbers, objects, arrays and functions as jsonata does ($string)', async () => {
    await expectSameAsJsonata('string', [
      ['text'], [1], [1e21], [1.1e-7], [0.1 + 0.2], [123456789.12345679], [-0], [100], [1 / 3], [true], [null], [undefined],
      [[1, 0.1 + 0.2, 'x']], [{ a: 2 / 3, b: [1e300, null], c: { d: false } }], [Infinity], [NaN], [-Infinity], [{ a: 1 }, true],
      [5e-324], [1.7976931348623157e308], [123456789012345680000], [-1.5], [0.000001234567890123456],
      [[1, [2, { x: 3.000000000000001 }]], true], [nativeFunction], [{ f: nativeFunction }], [[nativeFunction]], [1, 'x'], ['a', false],
    ]);
    await expectSameAsJsonata('string', [[]], { a: [1, 2.5] });
    await expectSameAsJsonata('string', [[]], [1, 2]);
    await expectSameAsJsonata('string', [[]], 12.5);
  });

  it('counts and slices code points, with negative starts counting from the end ($substring $length)', async () => {
    const text = 'héllo 😀 wörld 𝄞!';
    await expectSameAsJsonata('substring', [
      [text, 0, 5], [text, 6, 1], [text, -6], [text, -6, 3], [text, -100, 4], [text, 3], [text, 2, 0], [text, 2, -1], [text, 100],
      ['abc', 1.5], ['abc', 0, 1.5], [undefined, 1], ['abc'], ['abc', '1'], [5, 1], ['abc', 1, undefined], ['😀😀😀', 1, 1],
    ]);
    await expectSameAsJsonata('length', [[text], [''], ['😀'], [undefined], [1], [['a']], ['a\u0301']]);
    await expectSameAsJsonata('length', [[]], 'context');
    await expectSameAsJsonata('length', [[]], 12);
  });

  it('cuts before and after a marker ($substringBefore $substringAfter)', async () => {
    const cases = [['a-b-c', '-'], ['abc', 'x'], ['abc', ''], ['abc', 'abc'], [undefined, '-'], ['a', 1], ['😀-😀', '-'], ['aundefinedb', undefined]];
    await expectSameAsJsonata('substringBefore', cases);
    await expectSameAsJsonata('substringAfter', cases);
  });

  it('changes case and normalises whitespace ($lowercase $uppercase $trim)', async () => {
    const cases = [['Hello Wörld'], ['ß'], [''], [undefined], [3], ['  a \t\n b  \r\n'], ['\u00a0x\u00a0'], [['x']]];
    for (const name of ['lowercase', 'uppercase', 'trim']) await expectSameAsJsonata(name, cases);
  });

  it('pads left and right with any pad text, counting code points ($pad)', async () => {
    await expectSameAsJsonata('pad', [
      ['abc', 6], ['abc', -6], ['abc', 6, '#'], ['abc', -7, 'xy'], ['abc', 8, '😀'], ['😀', 3, '-'], ['abc', 2], ['abc', 5.9], ['abc', -5.9],
      ['abc', 6, ''], [undefined, 5], ['abc', NaN], ['abc'], ['abc', '5'], ['abc', 5, 5], ['', 3, 'ab😀'],
    ]);
  });

  it('pads to a large width in chunks, ticking the guard, and fails where jsonata cannot allocate', () => {
    const guard = new CountingGuard();
    const padded = builtinFunctions.get('pad')!.invoke(['', 1_000_000, 'ab'], testContext(undefined, 4, guard)) as string;
    expect(padded.length).toBe(1_000_000);
    expect(padded.startsWith('abab')).toBe(true);
    expect(guard.ticks).toBeGreaterThan(10);
    expect(() => builtinFunctions.get('pad')!.invoke(['', 4e8, 'ab'], testContext(undefined, 4))).toThrow(RangeError);
    expect(() => builtinFunctions.get('pad')!.invoke(['', Infinity], testContext(undefined, 4))).toThrow(RangeError);
  });

  it('stops a long $pad, $join or $replace when the guard runs out of time (D1012 at the call)', () => {
    class StoppingGuard extends CountingGuard {
      override tick(): void {
        super.tick();
        if (this.ticks > 5) throw { code: 'D1012', value: 1000, message: 'Evaluation timeout after 1000 milliseconds. Check for infinite loop' };
      }
    }
    const stopped = (name: string, args: unknown[]): unknown => {
      try {
        return builtinFunctions.get(name)!.invoke(args, testContext(undefined, 7, new StoppingGuard()));
      } catch (error) {
        return error;
      }
    };
    const timeout = { code: 'D1012', position: 7, token: expect.any(String) as unknown };
    expect(stopped('pad', ['', 10_000_000])).toMatchObject(timeout);
    expect(stopped('join', [Array.from({ length: 100 }, () => 'x'), ','])).toMatchObject(timeout);
    expect(stopped('replace', ['a'.repeat(100), 'a', 'bb'])).toMatchObject(timeout);
  });

  it('finds, splits, replaces and joins with plain strings ($contains $split $replace $join)', async () => {
    await expectSameAsJsonata('contains', [['abc', 'b'], ['abc', 'x'], ['abc', ''], [undefined, 'a'], ['abc', undefined], ['abc', 1], [1, 'a']]);
    await expectSameAsJsonata('split', [
      ['a,b,,c', ','], ['abc', ''], ['a,b,c', ',', 2], ['a,b,c', ',', 0], ['a,b,c', ',', -1], ['a,b,c', ',', 2.7], [undefined, ','], ['a', 1],
      ['😀,😀', ','], ['a,b', ',', NaN],
    ]);
    await expectSameAsJsonata('replace', [
      ['a-b-c', '-', '+'], ['a-b-c', '-', '$0$1', 1], ['aaa', 'a', 'aa'], ['abc', '', 'x'], ['abc', 'b', 'x', -1], ['abc', 'b', 'x', 0],
      [undefined, 'a', 'b'], ['abc', 'x', 'y'], ['abc', 1, 'y'], ['a-b-c', '-', '', 5],
    ]);
    await expectSameAsJsonata('join', [[['a', 'b', 'c']], [['a', 'b'], ', '], [[]], ['solo'], [undefined], [['a', 1]], [[1, 2]], [['a'], 1], [['😀', 'x'], '😀']]);
  });

  it('leaves regex and function matchers to the interpreter (NeedsInterpreter)', () => {
    const context = testContext(undefined, 9);
    for (const [name, args] of [
      ['contains', ['abc', nativeFunction]],
      ['split', ['abc', nativeFunction]],
      ['replace', ['abc', nativeFunction, 'x']],
      ['replace', ['abc', 'b', nativeFunction]],
    ] as const) {
      expect(() => builtinFunctions.get(name)!.invoke(args, context), name).toThrow(NeedsInterpreter);
    }
    expect(builtinFunctions.get('split')!.invoke(['abc', nativeFunction, 0], context)).toEqual([]);
  });

  it('encodes and decodes base64 and URLs as jsonata on Node does', async () => {
    const texts = [['hello'], [''], ['a'], ['ab'], ['héllo'], ['€😀'], [undefined], [1], ['\u00ff\u0000x']];
    await expectSameAsJsonata('base64encode', texts);
    await expectSameAsJsonata('base64decode', [
      ['aGVsbG8='], ['aGVsbG8'], ['aGVs bG8='], ['aGV\nsbG8'], ['YQ'], ['Y'], ['YWI='], ['_-8'], ['+/8'], ['YQ==YQ=='], ['!!YQ'], [''], [undefined], ['w6k='],
    ]);
    const urls = [['https://x.example/a b?q=ü&r=1#f'], ['a/b c'], ['%'], ['%E0%A4%A'], ['%20%2F'], ['\ud800'], [undefined], [5]];
    for (const name of ['encodeUrl', 'encodeUrlComponent', 'decodeUrl', 'decodeUrlComponent']) await expectSameAsJsonata(name, urls);
  });

  it('words a malformed URL error the way jsonata does (D3140)', () => {
    expect(viaBuiltin('decodeUrl', ['%'])).toMatchObject({ error: { code: 'D3140', message: 'Malformed URL passed to $decodeUrl(): "%"' } });
  });
});
