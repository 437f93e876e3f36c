import { describe, expect, it } from 'vitest';
import { ConnectionSlot } from '../../../main/electron/connection-slot.js';

class Fake {
  stopped = 0;
  constructor(readonly name: string) {}
  async stop(): Promise<void> {
    this.stopped += 1;
  }
}

describe('switching workspaces', () => {
  it('keeps the old service until the page reloads, then stops it', async () => {
    const slot = new ConnectionSlot<Fake>();
    const first = new Fake('first');
    const second = new Fake('second');
    await slot.activate(first);
    await slot.begin(second);
    expect(slot.active).toBe(first);
    await slot.commit();
    expect(slot.active).toBe(second);
    expect(first.stopped).toBe(1);
    expect(second.stopped).toBe(0);
  });

  it('stops the new service when the user keeps unsaved changes', async () => {
    const slot = new ConnectionSlot<Fake>();
    const first = new Fake('first');
    const second = new Fake('second');
    await slot.activate(first);
    await slot.begin(second);
    await slot.cancel();
    await slot.commit();
    expect(slot.active).toBe(first);
    expect(second.stopped).toBe(1);
    expect(first.stopped).toBe(0);
  });

  it('stops a pending switch replaced by another, and everything on shutdown', async () => {
    const slot = new ConnectionSlot<Fake>();
    const [a, b, c] = [new Fake('a'), new Fake('b'), new Fake('c')];
    await slot.activate(a);
    await slot.begin(b);
    await slot.begin(c);
    expect(b.stopped).toBe(1);
    await slot.clear();
    expect([a.stopped, c.stopped]).toEqual([1, 1]);
    expect(slot.active).toBeUndefined();
  });
});
