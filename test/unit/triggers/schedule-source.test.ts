// The schedule of trigger.schedule against an emitter the test holds: the catch-up decision on start
// (pure: a cron, the recorded last firing and a given "now"), and the running timer on vitest's fake
// clock — each instant once and in order, only the latest after a stall, a failed firing tried again,
// nothing after stop(). No test waits on real time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scheduleCron, triggerScheduleConfig } from '../../../shared/catalog/kinds/trigger-schedule.js';
import { PipewrightError } from '../../../shared/errors.js';
import type { EmitOptions, TriggerEmitter, TriggerSource } from '../../../main/engine/types.js';
import { catchUpInstant, latestInstant, scheduleSourceFactory } from '../../../main/triggers/schedule-source.js';

const at = (iso: string): number => Date.parse(iso);
const T0 = at('2026-03-02T10:00:00.000Z');

interface Emitted {
  firedAt: string;
  firing: number | undefined;
}

/** An emitter that records what it is given; `fail` makes the next emits reject with that error. */
function fakeEmitter(lastFiring: number | undefined): TriggerEmitter & { emitted: Emitted[]; fail: Error[]; hold: Promise<void> | undefined } {
  const emitter = {
    flowId: 'ticks', nodeId: 'tick', emitted: [] as Emitted[], fail: [] as Error[], hold: undefined as Promise<void> | undefined,
    async emit(messages: unknown[], options?: EmitOptions) {
      if (emitter.hold) await emitter.hold;
      const error = emitter.fail.shift();
      if (error) throw error;
      for (const message of messages) emitter.emitted.push({ firedAt: (message as { firedAt: string }).firedAt, firing: options?.firing });
      return { messageIds: messages.map((_m, i) => `m${i}`), duplicate: false };
    },
    lastFiring: () => Promise.resolve(lastFiring),
  };
  return emitter;
}

const sources: TriggerSource[] = [];
afterEach(async () => {
  for (const source of sources.splice(0)) await source.stop();
});

/** A schedule source; with `backlog`, the host reports that many messages waiting in the flow (queue bound 5). */
function scheduleSource(config: Record<string, unknown>, options: { now?: () => number; log?: string[]; backlog?: () => number } = {}): TriggerSource {
  const parsed = triggerScheduleConfig.parse(config);
  const { backlog } = options;
  const live = backlog ? { backlog: () => Promise.resolve(backlog()) } : undefined;
  const node = { id: 'tick', type: 'trigger.schedule', position: [0, 0] as [number, number], config: parsed, queueLimit: 5 };
  const source = scheduleSourceFactory({ ...(options.now ? { now: options.now } : {}), log: (line) => options.log?.push(line) })(node, parsed, live);
  sources.push(source);
  return source;
}

describe('the catch-up decision on start', () => {
  const everySecond = scheduleCron('* * * * * *');

  it('fires nothing from the past on a first deploy (no firing recorded), whatever catchUp says', () => {
    expect(catchUpInstant(everySecond, 'latest', undefined, T0 + 5_500)).toBeUndefined();
    expect(catchUpInstant(everySecond, 'none', undefined, T0 + 5_500)).toBeUndefined();
  });

  it('with latest, fires only the latest instant missed since the recorded one', () => {
    expect(catchUpInstant(everySecond, 'latest', T0, T0 + 5_500)).toBe(T0 + 5_000);
    expect(catchUpInstant(scheduleCron('0 */5 * * * *'), 'latest', T0, T0 + 60 * 60_000 + 1)).toBe(T0 + 60 * 60_000);
  });

  it('with latest, fires nothing when the latest instant due was already fired (a restart within one period)', () => {
    expect(catchUpInstant(everySecond, 'latest', T0, T0 + 999)).toBeUndefined();
    expect(catchUpInstant(scheduleCron('0 */5 * * * *'), 'latest', T0, T0 + 4 * 60_000)).toBeUndefined();
  });

  it('with none, fires nothing that was missed', () => {
    expect(catchUpInstant(everySecond, 'none', T0, T0 + 5_500)).toBeUndefined();
  });

  it('reads the cron in its time zone', () => {
    // 09:00 in Berlin is 08:00 UTC in winter; the instant of yesterday was fired, today's was missed.
    const nineInBerlin = scheduleCron('0 0 9 * * *', 'Europe/Berlin');
    expect(catchUpInstant(nineInBerlin, 'latest', at('2026-03-01T08:00:00Z'), at('2026-03-02T12:00:00Z'))).toBe(at('2026-03-02T08:00:00Z'));
    expect(catchUpInstant(nineInBerlin, 'latest', at('2026-03-01T08:00:00Z'), at('2026-03-02T07:59:59Z'))).toBeUndefined();
  });

  it('counts an instant as due from its exact millisecond', () => {
    expect(latestInstant(everySecond, T0)).toBe(T0);
    expect(latestInstant(everySecond, T0 - 1)).toBe(T0 - 1000);
    expect(latestInstant(scheduleCron('0 0 0 1 1 * 2020'), T0)).toBe(at('2020-01-01T00:00:00Z'));
  });
});

describe('the schedule source on start', () => {
  it('emits the latest missed instant once as { firedAt } with its firing, and logs what it skipped', async () => {
    const log: string[] = [];
    const emitter = fakeEmitter(T0);
    const now = T0 + 3_200;
    const source = scheduleSource({ cron: '* * * * * *' }, { now: () => now, log });
    await source.start(emitter);
    await vi.waitFor(() => expect(emitter.emitted).toHaveLength(1), { timeout: 2000, interval: 5 });
    await source.stop();
    expect(emitter.emitted).toEqual([{ firedAt: '2026-03-02T10:00:03.000Z', firing: T0 + 3_000 }]);
    expect(log).toEqual(['trigger "tick" of flow "ticks": fires the missed instant 2026-03-02T10:00:03.000Z (catchUp latest; last fired 2026-03-02T10:00:00.000Z; 2 earlier missed instants skipped)']);
  });

  it('emits nothing on a first deploy, nor with catchUp none', async () => {
    for (const [config, lastFiring] of [[{ cron: '* * * * * *' }, undefined], [{ cron: '* * * * * *', catchUp: 'none' }, T0]] as const) {
      const emitter = fakeEmitter(lastFiring);
      const source = scheduleSource(config, { now: () => T0 + 3_200 });
      await source.start(emitter);
      await source.stop();
      expect(emitter.emitted).toEqual([]);
    }
  });
});

describe('the schedule source while running (fake clock)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T0 + 400 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('emits each instant once, in order, at its time', async () => {
    const emitter = fakeEmitter(undefined);
    const source = scheduleSource({ cron: '* * * * * *' });
    await source.start(emitter);
    await vi.advanceTimersByTimeAsync(599);
    expect(emitter.emitted).toEqual([]);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(emitter.emitted.map((e) => e.firing)).toEqual([T0 + 1_000, T0 + 2_000, T0 + 3_000]);
    expect(emitter.emitted.map((e) => e.firedAt)).toEqual(['2026-03-02T10:00:01.000Z', '2026-03-02T10:00:02.000Z', '2026-03-02T10:00:03.000Z']);
  });

  it('waits for a far instant in bounded steps and still fires it on time', async () => {
    const emitter = fakeEmitter(undefined);
    const source = scheduleSource({ cron: '0 0 12 * * *', timezone: 'UTC' });
    await source.start(emitter);
    await vi.advanceTimersByTimeAsync(2 * 60 * 60_000 - 401);
    expect(emitter.emitted).toEqual([]);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(emitter.emitted).toEqual([{ firedAt: '2026-03-02T12:00:00.000Z', firing: at('2026-03-02T12:00:00Z') }]);
  });

  it('fires only the latest instant due when it wakes late (a stalled process), then goes on', async () => {
    let stall = 0;
    const emitter = fakeEmitter(undefined);
    const source = scheduleSource({ cron: '* * * * * *' }, { now: () => Date.now() + stall });
    await source.start(emitter);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(emitter.emitted.map((e) => e.firing)).toEqual([T0 + 1_000]);
    stall = 4_500; // The wake due at 10:00:02 finds the clock at 10:00:06.5.
    await vi.advanceTimersByTimeAsync(600);
    expect(emitter.emitted.map((e) => e.firing)).toEqual([T0 + 1_000, T0 + 6_000]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(emitter.emitted.map((e) => e.firing)).toEqual([T0 + 1_000, T0 + 6_000, T0 + 7_000]);
  });

  it('tries a failed firing again, and stops trying once the activation has ended', async () => {
    const log: string[] = [];
    const emitter = fakeEmitter(undefined);
    emitter.fail.push(new PipewrightError('STATE_DB_LOCKED', 'the state database is busy'));
    const source = scheduleSource({ cron: '*/10 * * * * *' }, { log });
    await source.start(emitter);
    await vi.advanceTimersByTimeAsync(9_600);
    expect(emitter.emitted).toEqual([]);
    expect(log).toEqual(['trigger "tick" of flow "ticks": the instant 2026-03-02T10:00:10.000Z was not queued: the state database is busy; trying again in 5 s']);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(emitter.emitted.map((e) => e.firing)).toEqual([T0 + 10_000]);

    emitter.fail.push(new PipewrightError('ACTIVATION_ENDED', 'flow "ticks" version 1 is no longer active'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(emitter.emitted.map((e) => e.firing)).toEqual([T0 + 10_000]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('holds a due instant while the flow holds its queue bound, then fires only the latest due once it drains', async () => {
    const log: string[] = [];
    let waiting = 0;
    const emitter = fakeEmitter(undefined);
    const source = scheduleSource({ cron: '* * * * * *' }, { log, backlog: () => waiting });
    await source.start(emitter);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(emitter.emitted.map((e) => e.firing)).toEqual([T0 + 1_000]);
    waiting = 7;
    await vi.advanceTimersByTimeAsync(8_000);
    expect(emitter.emitted.map((e) => e.firing)).toEqual([T0 + 1_000]);
    expect(log).toEqual(['trigger "tick" of flow "ticks": the instant 2026-03-02T10:00:02.000Z waits: 5 or more messages wait in the flow (the queue bound of "tick"); the latest instant due fires once they drain']);
    waiting = 2;
    // Looked at again every 5 s: at 10:00:12 the queue has drained, and 10:00:12 (the latest due) fires
    // once for the ten instants held; the schedule goes on from it.
    await vi.advanceTimersByTimeAsync(3_000);
    expect(emitter.emitted.map((e) => e.firing)).toEqual([T0 + 1_000, T0 + 12_000]);
    expect(log[1]).toBe('trigger "tick" of flow "ticks": the queue drained: fired 2026-03-02T10:00:12.000Z');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(emitter.emitted.map((e) => e.firing)).toEqual([T0 + 1_000, T0 + 12_000, T0 + 13_000]);
  });

  it('stop() lets a firing being queued finish and fires nothing after it', async () => {
    const emitter = fakeEmitter(undefined);
    let release: () => void = () => undefined;
    emitter.hold = new Promise((resolve) => (release = resolve));
    const source = scheduleSource({ cron: '* * * * * *' });
    await source.start(emitter);
    await vi.advanceTimersByTimeAsync(600);
    let stopped = false;
    const stopping = source.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(emitter.emitted.map((e) => e.firing)).toEqual([T0 + 1_000]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(emitter.emitted).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
