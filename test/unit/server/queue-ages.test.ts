// The oldest-message age /metrics reports without a store query: a FIFO of arrival slots per node,
// trimmed to the store's depth on each scrape. A fake clock makes it exact.
import { describe, expect, it } from 'vitest';
import { QueueAges } from '../../../main/server/metrics/queue-ages.js';

function clock(start: number): { now: () => number; advance: (ms: number) => void } {
  let now = start;
  return { now: () => now, advance: (ms) => (now += ms) };
}

describe('queue ages', () => {
  it('reports how long the oldest message still queued has waited, as messages are taken oldest first', () => {
    const time = clock(1_000_000);
    const ages = new QueueAges(time.now);
    ages.queued('r1', 'map', 2);
    time.advance(5_000);
    ages.queued('r1', 'map', 3);
    time.advance(5_000);
    expect(ages.oldestAgeSeconds('r1', 'map', 5)).toBe(10);
    ages.removed('r1', 'map', 2);
    expect(ages.oldestAgeSeconds('r1', 'map', 3)).toBe(5);
    ages.removed('r1', 'map', 3);
    expect(ages.oldestAgeSeconds('r1', 'map', 0)).toBe(0);
  });

  it('trusts the store\'s depth: fewer queued drops the oldest, more counts the unseen ones from when tracking began', () => {
    const time = clock(2_000_000);
    const ages = new QueueAges(time.now);
    time.advance(60_000);
    ages.queued('r1', 'map', 1);
    time.advance(10_000);
    ages.queued('r1', 'map', 1);
    time.advance(10_000);
    expect(ages.oldestAgeSeconds('r1', 'map', 1)).toBe(10);
    // Messages left by an earlier process: at least as old as this process's tracking.
    expect(ages.oldestAgeSeconds('r1', 'map', 4)).toBe(80);
    expect(ages.oldestAgeSeconds('r2', 'other', 2)).toBe(80);
  });

  it('forgets the nodes of runs that are no longer live', () => {
    const time = clock(3_000_000);
    const ages = new QueueAges(time.now);
    time.advance(10_000);
    ages.queued('old', 'map', 1);
    ages.queued('new', 'map', 1);
    time.advance(3_000);
    ages.keepOnly(new Set(['new']));
    expect(ages.oldestAgeSeconds('new', 'map', 1)).toBe(3);
    expect(ages.oldestAgeSeconds('old', 'map', 1)).toBe(13); // Untracked again: counted from when tracking began.
  });
});
