// Live flows on a host (DESIGN.md §4 "Live flows", §8): the workspace's flows with a trigger the host
// can serve (trigger.webhook on `pipewright serve`) are activated when the host starts them, activated
// again when their file is saved (a redeploy: the new version goes live first, then the old one is
// deactivated and its in-flight messages finish on it) and deactivated when the file goes away or no
// longer validates. The host supplies the trigger sources (the webhook route is HTTP, so it lives in
// main/server); this file holds no HTTP code. Besides its emitter, a source may ask the host for a
// credential's secret (webhook authentication) and for its live run's backlog (back pressure), through
// the LiveTriggerContext its factory is given.
//
// A flow can be paused (DESIGN.md §4 "Pausing a live flow"): the pause is written to the workspace
// first (./live-flow-pauses.ts, so it survives a restart), then the flow is deactivated like a flow
// that stopped being live — its sources stop at once, so nothing more comes in, while the messages it
// already queued finish on their version in the background. A source type can answer for its paused
// triggers meanwhile (LiveSourceFactory.paused: the webhook route's 503). Resuming activates the flow
// again, which is also why a schedule's catchUp decides about the instants missed while paused.
import { readdirSync } from 'node:fs';
import type { CredentialDefinition } from '../../shared/credentials/definition.js';
import type { FlowNode } from '../../shared/flow/schema.js';
import type { Activation, Engine, TriggerSource, TriggerSourceFactory } from '../engine/types.js';
import { PipewrightError } from '../../shared/errors.js';
import { FLOW_FILE_SUFFIX } from '../../shared/flow/parse.js';
import type { ValidFlow } from '../../shared/flow/valid-flow.js';
import { flowsFolder } from '../workspace/flow-paths.js';
import { loadSavedFlow } from '../workspace/runnable-flow.js';
import { LiveFlowPauses } from './live-flow-pauses.js';

/** What a live trigger source may ask of the host besides its emitter. */
export interface LiveTriggerContext {
  /**
   * A workspace credential's definition and secret (CredentialVault.resolve: rejects with
   * CREDENTIAL_NOT_FOUND, CREDENTIAL_SECRET_MISSING, SECRET_STORE_UNAVAILABLE). Read on every call:
   * the caller decides how long to keep it; the secret must never reach an answer or a log line.
   */
  credential(name: string): Promise<{ definition: CredentialDefinition; secret: string }>;
  /**
   * Messages waiting in the live run this source feeds — every node's queue, since the engine's
   * public API has no depth per node — or undefined before the activation is live. Costs queries:
   * callers cache it (see main/server/webhooks.ts).
   */
  backlog(): Promise<number | undefined>;
}

/**
 * A host's trigger source factory: the engine's, plus the host's LiveTriggerContext. `paused`, when a
 * source type has it, is told which of its triggers belong to a paused flow (true) and when they no
 * longer do (false), so it can answer for them while no source runs (a paused webhook answers 503).
 */
export type LiveSourceFactory = ((node: FlowNode, config: unknown, live: LiveTriggerContext) => TriggerSource) & {
  paused?: (flowId: string, nodeId: string, paused: boolean) => void;
};

/** What a live-flow log line is about, for a host writing structured logs (`pipewright serve --log-format json`). */
export interface LiveLogDetail {
  flowId: string;
  event: 'live' | 'redeployed' | 'stopped' | 'failed' | 'resumed' | 'resume-failed' | 'paused' | 'unpaused';
  version?: number;
  runId?: string;
}

/** Runs listed when looking for a live run's counts; a live run further down is read on its own. */
const RUNS_SCANNED = 10;

export interface LiveFlowsOptions {
  /** Trigger sources by trigger type: the types this host serves. */
  sources: Record<string, LiveSourceFactory>;
  /** The workspace's credentials, for LiveTriggerContext.credential; without it every lookup fails. */
  credential?: LiveTriggerContext['credential'];
  /** One line per change (activated, redeployed, stopped, refused), for the host's log. */
  log?: (line: string, detail: LiveLogDetail) => void;
}

export class LiveFlows {
  private readonly active = new Map<string, Activation>();
  /** Refreshes of one flow run one after another, so two quick saves cannot race. */
  private readonly queue = new Map<string, Promise<void>>();
  /** Live runs a stopped or killed host left with queued messages, being finished in the background. */
  private readonly resuming = new Set<Promise<void>>();
  private readonly stopResuming = new AbortController();
  private stopped = false;
  private readonly pauses: LiveFlowPauses;
  /** Activations a pause deactivated, finishing their queued messages; close() stops them like the live ones. */
  private readonly draining = new Set<Activation>();
  /** The triggers of each paused flow that their source types were told about, to withdraw on resume. */
  private readonly announced = new Map<string, Array<{ type: string; nodeId: string }>>();

  constructor(private readonly workspace: string, private readonly engine: Engine, private readonly options: LiveFlowsOptions) {
    // Read now: a damaged file stops the host at start-up with the file's name, not at the first pause.
    this.pauses = new LiveFlowPauses(workspace);
  }

  /** Activates every flow of the workspace that has a trigger this host serves. */
  async start(): Promise<void> {
    let names: string[];
    try {
      names = readdirSync(flowsFolder(this.workspace)).filter((name) => name.endsWith(FLOW_FILE_SUFFIX)).sort();
    } catch {
      names = []; // No flows folder yet.
    }
    for (const name of names) await this.refresh(name.slice(0, -FLOW_FILE_SUFFIX.length));
    await this.finishInterruptedRuns();
  }

  /**
   * A host stopped or killed while its live runs held messages (every one of them answered 202):
   * those runs are finished now, in the background, on the version they started with. Looks at the
   * newest 1,000 runs.
   */
  private async finishInterruptedRuns(): Promise<void> {
    const left = (await this.engine.listRuns({ limit: 1000 })).filter((run) => run.kind === 'live' && run.status === 'interrupted');
    for (const run of left) {
      const finishing: Promise<void> = this.engine.resume(run.runId, { signal: this.stopResuming.signal }).then(
        (report) => this.log(`flow "${run.flowId}" version ${run.flowVersion}: the live run ${run.runId} a stopped server left was finished (${report.status}, ${report.counts.processed} steps)`, { flowId: run.flowId, event: 'resumed', version: run.flowVersion, runId: run.runId }),
        (error: unknown) => this.log(`flow "${run.flowId}": the live run ${run.runId} a stopped server left could not be finished: ${(error as Error).message}`, { flowId: run.flowId, event: 'resume-failed', version: run.flowVersion, runId: run.runId }),
      ).finally(() => this.resuming.delete(finishing));
      this.resuming.add(finishing);
    }
  }

  /** Brings one flow's activation in line with its file (after a save, rename, delete or create). */
  refresh(flowId: string): Promise<void> {
    const previous = this.queue.get(flowId) ?? Promise.resolve();
    const next = previous.then(() => this.apply(flowId)).catch((error: unknown) => this.log(`flow "${flowId}": ${(error as Error).message}`, { flowId, event: 'failed' }));
    this.queue.set(flowId, next);
    return next;
  }

  /** The activation of a flow, while it is live. */
  activation(flowId: string): Activation | undefined {
    return this.active.get(flowId);
  }

  /** When the flow was paused (ISO), or undefined while it is not. */
  pausedSince(flowId: string): string | undefined {
    return this.pauses.since(flowId);
  }

  /**
   * Pauses a flow: durable before it answers, its sources stopped once it answers; what it queued
   * finishes in the background. FLOW_NOT_FOUND / FLOW_INVALID for a flow that cannot be loaded,
   * FLOW_NOT_LIVE for one without a trigger this host runs. Pausing a paused flow changes nothing.
   */
  async pause(flowId: string): Promise<void> {
    if (this.pauses.since(flowId) === undefined) {
      const { flow } = loadSavedFlow(this.workspace, flowId);
      if (!flow.nodes.some((node) => node.type in this.options.sources)) {
        const served = Object.keys(this.options.sources).sort().join(', ');
        throw new PipewrightError('FLOW_NOT_LIVE', `flow "${flowId}" has no trigger this server runs (${served}): it takes nothing in by itself, so there is nothing to pause`);
      }
      this.pauses.pause(flowId);
    }
    await this.refresh(flowId);
  }

  /** Lets a paused flow take messages again (it goes live on its newest version); FLOW_NOT_FOUND for an unknown flow that is not paused. */
  async resume(flowId: string): Promise<void> {
    if (!this.pauses.resume(flowId)) {
      loadSavedFlow(this.workspace, flowId); // Throws FLOW_NOT_FOUND for a mistyped id; else resuming a running flow is a no-op.
      return;
    }
    this.log(`flow "${flowId}" resumed: it takes messages in again`, { flowId, event: 'unpaused' });
    await this.refresh(flowId);
  }

  /**
   * Stops every live flow for a shutdown: sources stop at once and queued messages stay queued (their
   * runs read as interrupted); the next start finishes them (finishInterruptedRuns).
   */
  async close(): Promise<void> {
    this.stopped = true;
    this.stopResuming.abort();
    await Promise.allSettled([...this.resuming]);
    await Promise.allSettled(this.queue.values());
    await Promise.allSettled([...this.active.values(), ...this.draining].map((activation) => activation.stop()));
    this.active.clear();
  }

  private async apply(flowId: string): Promise<void> {
    if (this.stopped) return;
    const current = this.active.get(flowId);
    const flow = this.liveFlowOf(flowId);
    if (flow !== undefined && this.pauses.since(flowId) !== undefined) {
      // Told first: the webhook answers "paused" from the moment its source stops, never 404.
      const known = this.announced.has(flowId);
      this.announcePaused(flowId, flow.flow);
      if (current) this.drain(current);
      else if (!known) this.log(`flow "${flowId}" is paused (since ${this.pauses.since(flowId) ?? '?'}): its triggers stay stopped until it is resumed`, { flowId, event: 'paused' });
      return;
    }
    if (flow === undefined) {
      this.announcePaused(flowId, undefined);
      if (current) {
        this.active.delete(flowId);
        await current.deactivate();
        this.log(`flow "${flowId}" version ${current.version} is no longer live`, { flowId, event: 'stopped', version: current.version });
      }
      return;
    }
    // Saved without a change that makes a new version: the running activation stays as it is.
    const { version } = await this.engine.registerFlow(flow.flow, flow.flowPath);
    if (current && current.version === version) return;
    // Its sources start inside `activate`: they can read the live run once it resolved.
    const started: { activation?: Activation } = {};
    let next: Activation;
    try {
      next = await this.engine.activate(flow.flow, { flowPath: flow.flowPath, sources: this.sourcesFor(() => started.activation) });
    } finally {
      // After a resume: withdrawn once the new sources run (or failed to), so no request meets neither.
      this.announcePaused(flowId, undefined);
    }
    started.activation = next;
    this.active.set(flowId, next);
    if (current) await current.deactivate();
    const detail: LiveLogDetail = { flowId, event: current ? 'redeployed' : 'live', version: next.version, runId: next.runId };
    this.log(current ? `flow "${flowId}" redeployed: version ${next.version} is live, version ${current.version} finished its messages` : `flow "${flowId}" version ${next.version} is live`, detail);
  }

  /**
   * A paused flow's live activation stops taking messages now; its queued messages finish in the
   * background (a long backlog must not hold up the pause, nor a resume queued behind it).
   */
  private drain(current: Activation): void {
    const { flowId, version, runId } = current;
    this.active.delete(flowId);
    this.draining.add(current);
    this.log(`flow "${flowId}" paused: it takes nothing in until resumed; the messages it already queued finish on version ${version}`, { flowId, event: 'paused', version, runId });
    current.deactivate().then(
      (report) => this.log(`flow "${flowId}" version ${version} (paused): its live run ${runId} ended ${report.status} after ${report.counts.processed} steps`, { flowId, event: 'stopped', version, runId }),
      (error: unknown) => this.log(`flow "${flowId}" version ${version} (paused): its live run ${runId} did not end cleanly: ${(error as Error).message}`, { flowId, event: 'failed', version, runId }),
    ).finally(() => this.draining.delete(current));
  }

  /** Tells the source types which triggers of a paused flow they answer for (`flow`), or that none any more (undefined). */
  private announcePaused(flowId: string, flow: ValidFlow | undefined): void {
    const before = this.announced.get(flowId) ?? [];
    const now = (flow?.nodes ?? []).filter((node) => node.type in this.options.sources).map((node) => ({ type: node.type, nodeId: node.id }));
    for (const gone of before) {
      if (!now.some((node) => node.type === gone.type && node.nodeId === gone.nodeId)) this.options.sources[gone.type]?.paused?.(flowId, gone.nodeId, false);
    }
    for (const node of now) this.options.sources[node.type]?.paused?.(flowId, node.nodeId, true);
    if (now.length > 0) this.announced.set(flowId, now);
    else this.announced.delete(flowId);
  }

  /** The engine's source factories, each given a context that reads `activation()` once it is live. */
  private sourcesFor(activation: () => Activation | undefined): Record<string, TriggerSourceFactory> {
    const context: LiveTriggerContext = {
      credential: (name) => this.options.credential?.(name) ?? Promise.reject(new PipewrightError('CREDENTIALS_UNAVAILABLE', `this host gives live triggers no credentials (asked for "${name}")`)),
      backlog: async () => {
        // A source asking before `activate` resolved has no live run to read yet.
        const live = activation();
        return live ? this.pendingIn(live) : undefined;
      },
    };
    return Object.fromEntries(Object.entries(this.options.sources).map(([type, factory]) => [type, (node: FlowNode, config: unknown) => factory(node, config, context)]));
  }

  /** Messages waiting in a live run: its summary among the flow's newest runs, else its report (which also reads its outputs). */
  private async pendingIn(activation: Activation): Promise<number> {
    const runs = await this.engine.listRuns({ flowId: activation.flowId, limit: RUNS_SCANNED });
    const run = runs.find((summary) => summary.runId === activation.runId) ?? (await this.engine.report(activation.runId));
    return run.counts.pending;
  }

  /** The saved flow when it is valid and has a trigger this host serves; else undefined. */
  private liveFlowOf(flowId: string): { flow: ValidFlow; flowPath: string } | undefined {
    let loaded: { flow: ValidFlow; flowPath: string };
    try {
      loaded = loadSavedFlow(this.workspace, flowId);
    } catch {
      return undefined; // Missing or invalid: not live (flows.list shows its problems).
    }
    return loaded.flow.nodes.some((node) => node.type in this.options.sources) ? loaded : undefined;
  }

  private log(line: string, detail: LiveLogDetail): void {
    this.options.log?.(line, detail);
  }
}
