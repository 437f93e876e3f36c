// whenQuiet: a task that waits for a pause in the user's input (each input restarts the wait).
import { describe, expect, it } from 'vitest';
import { QUIET_INPUTS, whenQuiet, type InputSource } from '../../../renderer/src/mapping/when-quiet.js';

function fakePage() {
  let now = 0;
  const waiting = new Map<number, { at: number; callback: () => void }>();
  let next = 1;
  const listeners = new Map<string, Set<() => void>>();
  const source: InputSource = {
    addEventListener: (type, listener) => void (listeners.get(type) ?? listeners.set(type, new Set()).get(type))?.add(listener),
    removeEventListener: (type, listener) => void listeners.get(type)?.delete(listener),
  };
  return {
    source,
    timers: {
      setTimeout(callback: () => void, ms: number): unknown {
        waiting.set(next, { at: now + ms, callback });
        return next++;
      },
      clearTimeout: (handle: unknown) => void waiting.delete(handle as number),
    },
    advance(ms: number) {
      now += ms;
      for (const [handle, { at, callback }] of [...waiting]) {
        if (at <= now) {
          waiting.delete(handle);
          callback();
        }
      }
    },
    input: (type: string) => listeners.get(type)?.forEach((listener) => listener()),
    listening: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
  };
}

describe('whenQuiet', () => {
  it('runs the task once, after the page was left alone for the whole wait', () => {
    const page = fakePage();
    let runs = 0;
    whenQuiet(page.source, () => runs++, 1000, page.timers);
    page.advance(999);
    expect(runs).toBe(0);
    page.advance(1);
    expect(runs).toBe(1);
    page.advance(5000);
    page.input('pointermove');
    page.advance(5000);
    expect(runs).toBe(1);
    expect(page.listening()).toBe(0);
  });

  it('waits again after every pointer, wheel or key input', () => {
    const page = fakePage();
    let runs = 0;
    whenQuiet(page.source, () => runs++, 1000, page.timers);
    for (const type of [...QUIET_INPUTS, ...QUIET_INPUTS]) {
      page.advance(900);
      page.input(type);
    }
    expect(runs).toBe(0);
    page.advance(1000);
    expect(runs).toBe(1);
  });

  it('runs nothing once cancelled', () => {
    const page = fakePage();
    let runs = 0;
    const cancel = whenQuiet(page.source, () => runs++, 1000, page.timers);
    page.advance(500);
    cancel();
    page.input('keydown');
    page.advance(5000);
    expect(runs).toBe(0);
    expect(page.listening()).toBe(0);
  });
});
