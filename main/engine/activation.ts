// Live flows (DESIGN.md §4): an activated flow version gets one live run; the host's trigger sources
// (an HTTP route, a schedule, a folder watch — outside the engine) emit durably into it through
// ./triggers/emitter.ts, and the scheduler drives it without ending while the sources are open.
// One live run per activated version keeps the Runs history readable (a webhook taking thousands of
// requests a second is one run with its counts, not thousands of runs) and makes a redeploy simple:
// the new version gets its own live run, the old one is deactivated — its sources stop, the messages
// it already queued finish on the version they started with, and its run ends.
import { setTimeout as sleep } from 'node:timers/promises';
import { PipewrightError } from '../../shared/errors.js';
import { isOwnerGone } from './recovery.js';
import type { LiveFeed } from './scheduler.js';
import type { RunPlan } from './run-plan.js';
import type { EngineStore } from './store/types.js';
import { GroupCommitEmitter } from './triggers/emitter.js';
import { ManualTriggerSource } from './triggers/manual-source.js';
import type { ActivateOptions, Activation, RunReport, TriggerSource } from './types.js';

export interface ActivationHost {
  store: EngineStore;
  startLiveRun(): Promise<string>;
  driveLive(runId: string, feed: LiveFeed, signal: AbortSignal): Promise<RunReport>;
  /** The activation was deactivated and its live run has ended. */
  ended(activation: Activation): void;
}

export async function activateFlow(host: ActivationHost, plan: RunPlan, version: number, options: ActivateOptions): Promise<Activation> {
  const flowId = plan.flow.id;
  const triggers = [...plan.nodes.values()].filter((node) => node.isTrigger);
  const sources = new Map<string, TriggerSource>();
  for (const trigger of triggers) {
    const factory = options.sources?.[trigger.node.type];
    if (factory) sources.set(trigger.node.id, factory(trigger.node, trigger.config));
    else if (trigger.node.type === 'trigger.manual') sources.set(trigger.node.id, new ManualTriggerSource());
    else throw new PipewrightError('TRIGGER_SOURCE_MISSING', `this host cannot run trigger "${trigger.node.id}" of type ${trigger.node.type} of flow "${flowId}"`);
  }

  const runId = await host.startLiveRun();
  const feed = new ArrivalFeed();
  const hardStop = new AbortController();
  const emitters = new Map(triggers.map((trigger) => [trigger.node.id, new GroupCommitEmitter(host.store, runId, flowId, trigger.node.id, (nodeId, count) => feed.arrived(nodeId, count))]));
  const drive = host.driveLive(runId, feed, hardStop.signal).finally(() => {
    // A drive that ended (stopped, or its run taken over) takes no more messages.
    feed.close();
    for (const emitter of emitters.values()) emitter.close(new PipewrightError('ACTIVATION_ENDED', `flow "${flowId}" version ${version} is no longer active`));
  });
  drive.catch(() => undefined);

  let stopping: Promise<RunReport> | undefined;
  const stopSources = async (): Promise<void> => {
    await Promise.allSettled([...sources.values()].map((source) => source.stop()));
    for (const emitter of emitters.values()) emitter.close(new PipewrightError('ACTIVATION_ENDED', `flow "${flowId}" version ${version} was deactivated`));
    feed.close();
  };

  try {
    await Promise.all([...sources.entries()].map(([nodeId, source]) => source.start(emitters.get(nodeId) as GroupCommitEmitter)));
  } catch (error) {
    await stopSources();
    await drive.catch(() => undefined);
    throw error;
  }

  const activation: Activation = {
    flowId, version, runId,
    send(triggerId, messages, sendOptions) {
      const emitter = emitters.get(triggerId);
      if (!emitter) {
        return Promise.reject(new PipewrightError('UNKNOWN_TRIGGER', `"${triggerId}" is not a trigger node of flow "${flowId}"; its triggers are: ${[...emitters.keys()].join(', ') || 'none'}`));
      }
      return emitter.emit(messages, sendOptions);
    },
    deactivate() {
      stopping ??= stopSources().then(() => drive).finally(() => host.ended(activation));
      return stopping;
    },
    stop() {
      hardStop.abort();
      return activation.deactivate();
    },
  };
  return activation;
}

/** The scheduler's view of what the emitters queued (./scheduler.ts LiveFeed). */
class ArrivalFeed implements LiveFeed {
  open = true;
  private arrivals = new Map<string, number>();
  private wake: (() => void) | undefined;

  arrived(nodeId: string, count: number): void {
    this.arrivals.set(nodeId, (this.arrivals.get(nodeId) ?? 0) + count);
    this.wake?.();
  }

  close(): void {
    this.open = false;
    this.wake?.();
  }

  takeArrivals(): Map<string, number> {
    const taken = this.arrivals;
    if (taken.size > 0) this.arrivals = new Map();
    return taken;
  }

  waitForArrivals(ms: number, signal: AbortSignal): Promise<void> {
    if (this.arrivals.size > 0 || !this.open || signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.wake = done;
    });
  }
}

/**
 * A live run on a shared store, as a worker sees it (DESIGN.md §8): the intake process holding it
 * (its owner, heartbeat fresh) may queue more at any time, so the feed stays open until the intake
 * lets go or dies; arrivals are the run's whole queue, read after each wake-up (`absolute`).
 */
export class SharedLiveFeed implements LiveFeed {
  readonly absolute = true;
  open = true;
  private queued = new Map<string, number>();

  constructor(private readonly store: EngineStore, private readonly runId: string, private readonly leaseMs: number, private readonly pollMs: number) {}

  takeArrivals(): Map<string, number> {
    const taken = this.queued;
    if (taken.size > 0) this.queued = new Map();
    return taken;
  }

  async waitForArrivals(ms: number, signal: AbortSignal): Promise<void> {
    await waitForWork(this.store, Math.min(ms, this.pollMs), signal);
    if (signal.aborted) return;
    const run = await this.store.runs.find(this.runId);
    this.open = run !== undefined && run.status === 'running' && run.owner !== null && !isOwnerGone(run.owner, run.heartbeatAt, this.leaseMs);
    this.queued = await this.store.queue.depthByNode(this.runId);
  }
}

/** The store's wake-up (LISTEN/NOTIFY on PostgreSQL) bounded by `ms`, or a plain wait of `ms`. */
export async function waitForWork(store: EngineStore, ms: number, signal: AbortSignal): Promise<void> {
  if (store.waitForWork) return store.waitForWork(ms, signal);
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}
