// intakePosition reads a message's place in its run's intake from its id (main/engine/ids.ts), which
// trace sampling uses to keep the first messages of each input and of each live activation.
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
});
