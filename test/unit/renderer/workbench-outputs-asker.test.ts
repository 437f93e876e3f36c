// What the workbench asks its evaluation workers: a keystroke's early ask and the render's later ask
// with the sub-expression become one evaluation, and outputs shown on the UI thread are not asked again.
import { describe, expect, it } from 'vitest';
import { createOutputsAsker, type AskedRequest } from '../../../renderer/src/workbench/outputs-asker.js';

const samples = [{ items: [1, 2] }];

function asker() {
  const scheduled: AskedRequest[] = [];
  return { scheduled, asker: createOutputsAsker((request) => scheduled.push(request)) };
}

describe('workbench outputs asker', () => {
  it('asks once for the same request', () => {
    const { scheduled, asker: outputs } = asker();
    expect(outputs.ask({ expression: '$count(items)', kind: 'expression', samples })).toBe(true);
    expect(outputs.ask({ expression: '$count(items)', kind: 'expression', samples })).toBe(true);
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]).toMatchObject({ expression: '$count(items)', outputsDone: false, subOnly: false });
  });

  it('hands the sub-expression to the evaluation under way instead of superseding it', () => {
    const { scheduled, asker: outputs } = asker();
    outputs.ask({ expression: '$count(items) + 1', kind: 'expression', samples });
    outputs.ask({ expression: '$count(items) + 1', kind: 'expression', samples, sub: '$count(items)' });
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]!.sub).toBe('$count(items)');
  });

  it('asks for the sub-expression alone once the outputs are in', () => {
    const { scheduled, asker: outputs } = asker();
    outputs.ask({ expression: 'a + b', kind: 'expression', samples, sub: 'a' });
    scheduled[0]!.outputsDone = true;
    outputs.ask({ expression: 'a + b', kind: 'expression', samples, sub: 'b' });
    expect(scheduled).toHaveLength(2);
    expect(scheduled[1]).toMatchObject({ sub: 'b', subOnly: true, outputsDone: true });
  });

  it('asks afresh when the expression, its kind or the samples change', () => {
    const { scheduled, asker: outputs } = asker();
    outputs.ask({ expression: 'a', kind: 'expression', samples });
    outputs.ask({ expression: 'ab', kind: 'expression', samples });
    outputs.ask({ expression: 'ab', kind: 'template', samples });
    outputs.ask({ expression: 'ab', kind: 'template', samples: [...samples] });
    expect(scheduled.map((request) => request.subOnly)).toEqual([false, false, false, false]);
  });

  it('asks the workers only for the sub-expression when the outputs were shown at once', () => {
    const { scheduled, asker: outputs } = asker();
    const shown: string[] = [];
    outputs.ask({ expression: 'a', kind: 'expression', samples }, (request) => {
      shown.push(request.expression);
      return true;
    });
    outputs.ask({ expression: 'b', kind: 'expression', samples }, () => false);
    expect(shown).toEqual(['a']);
    expect(scheduled.map(({ expression, subOnly }) => ({ expression, subOnly }))).toEqual([
      { expression: 'a', subOnly: true },
      { expression: 'b', subOnly: false },
    ]);
    // The render's ask that follows only adds the sub-expression: it is not shown a second time.
    outputs.ask({ expression: 'b', kind: 'expression', samples, sub: 'b' }, () => {
      throw new Error('not to be called');
    });
    expect(scheduled).toHaveLength(2);
  });

  it('joins the ask made by the render that showing the outputs causes, sub-expression and all', () => {
    const { scheduled, asker: outputs } = asker();
    outputs.ask({ expression: 'a + b', kind: 'expression', samples }, () => {
      // The synchronous render inside showNow asks with the sub-expression under the cursor.
      outputs.ask({ expression: 'a + b', kind: 'expression', samples, sub: 'b' }, () => true);
      return true;
    });
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]).toMatchObject({ expression: 'a + b', sub: 'b', subOnly: true, outputsDone: true });
  });

  it('asks nothing for an empty expression, and afresh after forget', () => {
    const { scheduled, asker: outputs } = asker();
    expect(outputs.ask({ expression: '  ', kind: 'expression', samples })).toBe(false);
    outputs.ask({ expression: 'a', kind: 'expression', samples });
    outputs.forget();
    outputs.ask({ expression: 'a', kind: 'expression', samples });
    expect(scheduled).toHaveLength(2);
  });
});
