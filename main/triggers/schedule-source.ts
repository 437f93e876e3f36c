// The host's source for trigger.schedule (DESIGN.md §3 trigger.schedule, §4 "Live flows"): a timer that
// emits `{ firedAt }` at each instant of the node's cron, computed by croner in the node's time zone.
// Each instant goes out as `emit([...], { firing: instant })`: the engine records the instant in the
// same transaction as its message, so an instant fires once across restarts, redeploys (the old and the
// new version's sources overlap for a moment) and servers sharing a store; a second try answers
// duplicate. On start, `catchUp` decides about the instants missed while no server ran the schedule
// (catchUpInstant). While the flow's live run holds its queue bound (./backlog-gauge.ts) a due instant
// waits, looked at again every RETRY_MS; once the queue drains the latest instant due fires, once, as
// after a stall. The timer never waits longer than MAX_WAIT_MS at once, so a changed wall clock is
// noticed, and it is unref'd: a schedule alone does not keep a process alive.
import type { Cron } from 'croner';
import { scheduleCron, type ScheduleCatchUp, type TriggerScheduleConfig } from '../../shared/catalog/kinds/trigger-schedule.js';
import { PipewrightError } from '../../shared/errors.js';
import type { FlowNode } from '../../shared/flow/schema.js';
import type { TriggerEmitter, TriggerSource } from '../engine/types.js';
import { BacklogGauge, type BacklogReader } from './backlog-gauge.js';

export interface ScheduleSourceOptions {
  /** One line per catch-up and per failed firing, for the host's log (not one per firing). */
  log?: (line: string) => void;
  /** The wall clock (epoch ms); tests give a fixed one. */
  now?: () => number;
}

/** Longest single wait: a wall clock set forward or back is noticed within this long. */
const MAX_WAIT_MS = 60_000;
/** A firing that failed (the store busy) or waits for a full queue is tried again after this long, if still the latest due. */
const RETRY_MS = 5_000;
/** Skipped instants counted for the catch-up's log line (each step costs croner a search). */
const COUNT_LIMIT = 1000;

/** The factory `pipewright serve` registers for trigger.schedule. */
export function scheduleSourceFactory(options: ScheduleSourceOptions = {}): (node: FlowNode, config: unknown, live?: BacklogReader) => TriggerSource {
  return (node, config, live) => new ScheduleSource(node, config as TriggerScheduleConfig, options, BacklogGauge.of(node, live));
}

/** The latest instant of the schedule at or before `nowMs`, or undefined when it has none. */
export function latestInstant(cron: Cron, nowMs: number): number | undefined {
  // croner's previousRuns is exclusive of the reference's whole second: ask from the next second.
  const [latest] = cron.previousRuns(1, new Date(Math.floor(nowMs / 1000) * 1000 + 1000));
  return latest?.getTime();
}

/** The schedule's first instant after `afterMs`, or undefined when it never fires again. */
export function nextInstant(cron: Cron, afterMs: number): number | undefined {
  return cron.nextRun(new Date(afterMs))?.getTime();
}

/**
 * Which missed instant to fire on start, if any. `lastFiring` is the latest instant recorded for this
 * trigger (by any server, any version). None recorded means the trigger was never live: a first deploy
 * does not fire the past. With `latest`, the latest instant due now fires when it is after the
 * recorded one, once: every other missed instant is skipped. With `none`, nothing from the past fires.
 */
export function catchUpInstant(cron: Cron, catchUp: ScheduleCatchUp, lastFiring: number | undefined, nowMs: number): number | undefined {
  if (catchUp === 'none' || lastFiring === undefined) return undefined;
  const latest = latestInstant(cron, nowMs);
  return latest !== undefined && latest > lastFiring ? latest : undefined;
}

class ScheduleSource implements TriggerSource {
  private readonly cron: Cron;
  private readonly now: () => number;
  private emitter: TriggerEmitter | undefined;
  /** The instant the timer waits for; undefined once the schedule has no instant left. */
  private due: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private firing: Promise<void> | undefined;
  private stopped = false;
  /** Set while a due instant waits for the queue to drain (logged once per wait). */
  private waitingForQueue = false;

  constructor(
    private readonly node: FlowNode,
    private readonly config: TriggerScheduleConfig,
    private readonly options: ScheduleSourceOptions,
    private readonly backlog: BacklogGauge,
  ) {
    this.cron = scheduleCron(config.cron, config.timezone);
    this.now = options.now ?? Date.now;
  }

  async start(emitter: TriggerEmitter): Promise<void> {
    this.emitter = emitter;
    const lastFiring = await emitter.lastFiring();
    const now = this.now();
    const missed = catchUpInstant(this.cron, this.config.catchUp ?? 'latest', lastFiring, now);
    if (missed !== undefined) {
      const skipped = this.countBetween(lastFiring as number, missed);
      const skippedText = skipped === 0 ? '' : `; ${skipped >= COUNT_LIMIT ? `${COUNT_LIMIT} or more` : skipped} earlier missed instant${skipped === 1 ? '' : 's'} skipped`;
      this.log(`fires the missed instant ${iso(missed)} (catchUp latest; last fired ${iso(lastFiring as number)}${skippedText})`);
      this.due = missed;
    } else {
      this.due = nextInstant(this.cron, now);
    }
    this.arm();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    // A firing being committed finishes: its instant is recorded with its message, or not at all.
    await this.firing;
  }

  private arm(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    if (this.due === undefined) {
      this.log(`"${this.config.cron}" has no instant left: the schedule stops firing`);
      return;
    }
    const wait = Math.min(Math.max(this.due - this.now(), 0), MAX_WAIT_MS);
    this.timer = setTimeout(() => this.wake(), wait);
    this.timer.unref();
  }

  private wake(): void {
    this.timer = undefined;
    if (this.stopped || this.due === undefined) return;
    const now = this.now();
    // Woken early (a long wait is cut into MAX_WAIT_MS pieces, or timers and the wall clock drift).
    if (now < this.due) {
      this.arm();
      return;
    }
    // Woken late, past later instants (a stalled process, a sleeping machine): only the latest fires.
    const instant = Math.max(this.due, latestInstant(this.cron, now) ?? this.due);
    this.firing = this.fire(instant).finally(() => {
      this.firing = undefined;
    });
  }

  private async fire(instant: number): Promise<void> {
    const emitter = this.emitter as TriggerEmitter;
    if (!(await this.backlog.admit({ fresh: true }))) {
      if (!this.waitingForQueue) {
        this.waitingForQueue = true;
        this.log(`the instant ${iso(instant)} waits: ${this.backlog.limit.toLocaleString('en-US')} or more messages wait in the flow (the queue bound of "${this.node.id}"); the latest instant due fires once they drain`);
      }
      this.retryLater();
      return;
    }
    let queued = 0;
    try {
      const { duplicate } = await emitter.emit([{ firedAt: iso(instant) }], { firing: instant });
      queued = duplicate ? 0 : 1;
      if (this.waitingForQueue) this.log(`the queue drained: fired ${iso(instant)}`);
      this.waitingForQueue = false;
      this.due = nextInstant(this.cron, instant);
      this.arm();
    } catch (error) {
      if (error instanceof PipewrightError && error.code === 'ACTIVATION_ENDED') return; // Being stopped.
      this.log(`the instant ${iso(instant)} was not queued: ${(error as Error).message}; trying again in ${RETRY_MS / 1000} s`);
      this.retryLater();
    } finally {
      this.backlog.settled(queued);
    }
  }

  /** The instant stays due: the next try fires it, or a later one if that is due by then. */
  private retryLater(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => this.wake(), RETRY_MS);
    this.timer.unref();
  }

  /** Instants strictly between two instants, counted up to COUNT_LIMIT (for the log line only). */
  private countBetween(fromMs: number, toMs: number): number {
    let count = 0;
    for (let at = nextInstant(this.cron, fromMs); at !== undefined && at < toMs && count < COUNT_LIMIT; at = nextInstant(this.cron, at)) count++;
    return count;
  }

  private log(line: string): void {
    this.options.log?.(`trigger "${this.node.id}" of flow "${this.emitter?.flowId ?? '?'}": ${line}`);
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
