import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { NeedsInterpreter } from '../../../../../shared/jsonata/compile/contract.js';
import { builtinFunctions } from '../../../../../shared/jsonata/compile/functions/index.js';
import { CountingGuard, expectSameAsJsonata, testContext } from './functions-harness.js';

describe('date/time built-ins match jsonata', () => {
  it('gives the evaluation timestamp as ISO 8601 and milliseconds ($now $millis)', async () => {
    const [millis, now] = (await jsonata('[$millis(), $now()]').evaluate({})) as [number, string];
    const context = testContext(undefined, 4, new CountingGuard(), new Date(millis));
    expect(builtinFunctions.get('now')!.invoke([], context)).toBe(now);
    expect(builtinFunctions.get('millis')!.invoke([], context)).toBe(millis);
  });

  it('reads ISO 8601 timestamps and refuses others (D3110) ($toMillis)', async () => {
    await expectSameAsJsonata('toMillis', [
      ['2024-02-29T12:34:56.789Z'], ['2024-02-29'], ['2024'], ['2024-02'], ['2024-02-29T12:34:56+02:00'], ['2024-02-29T12:34:56-0530'],
      ['2024-02-29T12:34:56'], ['2024-13-45'], ['29/02/2024'], [''], [undefined], [1], ['2024-02-29T12:34:56.1234567Z'],
    ]);
    await expectSameAsJsonata('toMillis', [[]], '1999-12-31T23:59:59Z');
  });

  it('formats milliseconds as ISO 8601 in UTC ($fromMillis)', async () => {
    await expectSameAsJsonata('fromMillis', [[0], [1709210096789], [-1000], [1.7], [253402300799999], [undefined], ['0'], [[1]]]);
    await expectSameAsJsonata('fromMillis', [[]], 86_400_000);
  });

  it('leaves pictures, timezones and years beyond 9999 to the interpreter (NeedsInterpreter)', () => {
    const context = testContext(undefined, 4);
    expect(() => builtinFunctions.get('now')!.invoke(['[Y]'], context)).toThrow(NeedsInterpreter);
    expect(() => builtinFunctions.get('fromMillis')!.invoke([0, '[Y]'], context)).toThrow(NeedsInterpreter);
    expect(() => builtinFunctions.get('fromMillis')!.invoke([0, undefined, '+0100'], context)).toThrow(NeedsInterpreter);
    expect(() => builtinFunctions.get('fromMillis')!.invoke([1e15], context)).toThrow(NeedsInterpreter);
    expect(() => builtinFunctions.get('toMillis')!.invoke(['2024', '[Y]'], context)).toThrow(NeedsInterpreter);
  });
});
