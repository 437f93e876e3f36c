// intakePosition reads a message's place in its run's intake from its id (main/engine/ids.ts), which
// trace sampling uses to keep the first messages of each input and of each live activation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childId, intakePosition, liveMessageId, replayMessageId, triggerMessageId } from '../../../main/engine/ids.js';

describe('intakePosition', () => {
  it('is the line of a message read from an input, at every node downstream', () => {
    const id = triggerMessageId('rabc123', 0, 42);
    expect(intakePosition(id)).toBe(42);
    expect(intakePosition(childId(childId(id, 1, 0), 3, 2))).toBe(42);
  });

  it('counts replayed letters and a live activation\'s messages from 1', () => {
    expect(intakePosition(replayMessageId('rabc123', 0))).toBe(1);
    expect(intakePosition(liveMessageId('rabc123', 'hook', 'a1b2c3', 0))).toBe(1);
    expect(intakePosition(liveMessageId('rabc123', 'hook', '000000', 1_000_000))).toBe(1_000_001);
  });

  it('says nothing for ids that carry no position', () => {
    expect(intakePosition('flow.tick.at1733333333333')).toBeUndefined();
    expect(intakePosition('flow.tick.at1733333333333.2')).toBeUndefined();
    expect(intakePosition('rabc123/timer/win/key')).toBeUndefined();
  });

  it('reads every id as the slicing reader before it did (random ids of dots, digits, letters and slashes)', () => {
    // The reader as first written: root sliced off, regular expressions on its parts.
    const sliced = (messageId: string): number | undefined => {
      const slash = messageId.indexOf('/');
      const root = slash === -1 ? messageId : messageId.slice(0, slash);
      const first = root.indexOf('.');
      const last = root.lastIndexOf('.');
      if (first === -1 || first === last || root.indexOf('.', first + 1) !== last) return undefined;
      const middle = root.slice(first + 1, last);
      const tail = root.slice(last + 1);
      if (/^\d+$/.test(tail) && (middle === 'replay' || /^\d+$/.test(middle))) return Number(tail);
      const live = /^[0-9a-f]{6}([0-9a-z]+)$/.exec(tail);
      return live ? parseInt(live[1] as string, 36) + 1 : undefined;
    };
    const piece = fc.constantFrom('.', '/', '0', '7', '42', 'a', 'f', 'z', 'replay', 'a1b2c3', 'r', '');
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
      const id = pieces.join('');
      expect(intakePosition(id), id).toBe(sliced(id));
    }), { numRuns: 5000 });
  });
});
