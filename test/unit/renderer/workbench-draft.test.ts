// The workbench's draft expression: typing reaches the document once it pauses, or at once on flush.
import { describe, expect, it } from 'vitest';
import { createDraft } from '../../../renderer/src/workbench/draft.js';

function fakeTimers() {
  let next = 1;
  const waiting = new Map<number, { at: number; callback: () => void }>();
  let now = 0;
  return {
    timers: {
      setTimeout(callback: () => void, ms: number): unknown {
        waiting.set(next, { at: now + ms, callback });
        return next++;
      },
      clearTimeout(handle: unknown): void {
        waiting.delete(handle as number);
      },
    },
    advance(ms: number): void {
      now += ms;
      for (const [handle, { at, callback }] of [...waiting]) {
        if (at <= now) {
          waiting.delete(handle);
          callback();
        }
      }
    },
  };
}

describe('the workbench draft', () => {
  it('commits the last value once typing pauses for the delay, once', () => {
    const clock = fakeTimers();
    const commits: string[] = [];
    const draft = createDraft({ commit: (value) => commits.push(value), delayMs: 200, timers: clock.timers });
    draft.change('t');
    clock.advance(150);
    draft.change('to');
    clock.advance(150);
    expect(commits).toEqual([]);
    expect(draft.pending).toBe(true);
    clock.advance(50);
    expect(commits).toEqual(['to']);
    expect(draft.pending).toBe(false);
    clock.advance(1000);
    expect(commits).toEqual(['to']);
  });

  it('commits at once on flush, and a flush with nothing waiting commits nothing', () => {
    const clock = fakeTimers();
    const commits: string[] = [];
    const draft = createDraft({ commit: (value) => commits.push(value), delayMs: 200, timers: clock.timers });
    draft.flush();
    draft.change('total');
    draft.flush();
    clock.advance(500);
    expect(commits).toEqual(['total']);
  });
});
