// Prometheus metrics of one server (DESIGN.md §8), on a registry of its own (prom-client's global one
// would mix servers that share a process, as tests do). GET /metrics needs the API token like every
// other route but health: a scrape config sends it as a bearer token (README "Operating a server").
//
//   pipewright_messages_in_total{flow,node}        counters, from every committed step (./step-tally.ts says what counts)
//   pipewright_messages_out_total{flow,node}
//   pipewright_messages_failed_total{flow,node}
//   pipewright_step_duration_seconds{flow,node}    histogram of step durations (every attempt)
//   pipewright_queue_depth{flow,node}              gauges of the live runs, read from the store on scrape
//   pipewright_queue_oldest_age_seconds{flow,node}   (the oldest message's time in its node's queue, from enqueued_at)
//   pipewright_webhook_requests_total{flow,node,status}  webhook answers; a request to no live trigger counts
//                                                  with flow="" and node="" (a sender cannot make up labels)
// plus prom-client's process metrics (memory, CPU, event loop lag) with the pipewright_ prefix.
//
// Counting costs the engine nothing it would notice: the engine's store is wrapped (./observed-store.ts)
// and each commit is tallied in memory; the store is read only when Prometheus scrapes. Test runs
// (the designer's Run tests, `pipewright test`) are not counted.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { EngineStore } from '../../engine/store/types.js';
import { observeStore } from './observed-store.js';
import type { NodeTally } from './step-tally.js';

/** A live run as the host knows it (flows.live). */
export interface LiveRun {
  flowId: string;
  runId: string;
}

const STEP_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Runs whose flow is remembered; a run further back is looked up again. */
const REMEMBERED_RUNS = 1_000;
const WEBHOOK_ROUTE = '/hooks/:flowId/:nodeId';

type Labels = 'flow' | 'node';

export class ServerMetrics {
  readonly registry = new Registry();
  private readonly messagesIn: Counter<Labels>;
  private readonly messagesOut: Counter<Labels>;
  private readonly messagesFailed: Counter<Labels>;
  private readonly stepDuration: Histogram<Labels>;
  private readonly queueDepth: Gauge<Labels>;
  private readonly oldestAge: Gauge<Labels>;
  private readonly webhookRequests: Counter<Labels | 'status'>;
  /** runId → its flow (undefined: a test run, not counted), or the lookup under way with the tallies waiting for it. */
  private readonly runs = new Map<string, { flowId: string | undefined } | { waiting: Array<Map<string, NodeTally>> }>();
  /** Nodes seen per flow, so a live flow's idle nodes still show a queue depth of 0. */
  private readonly nodesOf = new Map<string, Set<string>>();
  private store: EngineStore | undefined;
  private liveRuns: () => Promise<LiveRun[]> = () => Promise.resolve([]);

  constructor() {
    const registers = [this.registry];
    const labelNames = ['flow', 'node'] as const;
    this.messagesIn = new Counter({ name: 'pipewright_messages_in_total', help: 'Messages a node took (first attempts).', labelNames, registers });
    this.messagesOut = new Counter({ name: 'pipewright_messages_out_total', help: 'Messages a node handed on downstream or recorded as output.', labelNames, registers });
    this.messagesFailed = new Counter({ name: 'pipewright_messages_failed_total', help: 'Messages that failed for good at a node (dead-lettered or sent to its error edge).', labelNames, registers });
    this.stepDuration = new Histogram({ name: 'pipewright_step_duration_seconds', help: 'How long a node took per message (every attempt).', labelNames, buckets: STEP_BUCKETS, registers });
    this.queueDepth = new Gauge({ name: 'pipewright_queue_depth', help: 'Messages waiting at a node of a live flow.', labelNames, registers });
    this.oldestAge = new Gauge({ name: 'pipewright_queue_oldest_age_seconds', help: 'How long the oldest message waiting at a node of a live flow has waited in that node\'s queue (retries keep their time).', labelNames, registers });
    this.webhookRequests = new Counter({ name: 'pipewright_webhook_requests_total', help: 'Webhook requests by answer status.', labelNames: ['flow', 'node', 'status'], registers });
    collectDefaultMetrics({ register: this.registry, prefix: 'pipewright_' });
  }

  /** The engine's store, wrapped so that every commit is counted: open the engine on what this returns. */
  observe(store: EngineStore): EngineStore {
    this.store = store;
    return observeStore(store, {
      committed: (runId, tallies) => this.committed(runId, tallies),
      // Queue ages are read from the store on scrape (enqueued_at): nothing to count here.
      enqueued: () => undefined,
    });
  }

  /** Where the queue gauges find the live runs (the service's flows.live). */
  readLiveRunsFrom(liveRuns: () => Promise<LiveRun[]>): void {
    this.liveRuns = liveRuns;
  }

  /** A webhook answered; `live` says whether flow and node name a live trigger (else they are not used as labels). */
  webhookAnswered(flowId: string, nodeId: string, status: number, live: boolean): void {
    this.webhookRequests.labels(live ? flowId : '', live ? nodeId : '', String(status)).inc();
  }

  /**
   * GET /metrics inside `guard` (the API token), and the hook that counts webhook answers. Call before
   * the webhook route is registered.
   */
  async register(app: FastifyInstance, guard: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>, isLiveHook: (flowId: string, nodeId: string) => boolean): Promise<void> {
    app.addHook('onResponse', async (request, reply) => {
      if (request.routeOptions.url !== WEBHOOK_ROUTE) return;
      const { flowId, nodeId } = request.params as { flowId: string; nodeId: string };
      this.webhookAnswered(flowId, nodeId, reply.statusCode, isLiveHook(flowId, nodeId));
    });
    await app.register(async (scope) => {
      scope.addHook('onRequest', guard);
      scope.get('/metrics', async (_request, reply) => {
        await this.readQueues();
        return reply.type(this.registry.contentType).send(await this.registry.metrics());
      });
    });
  }

  /** Sets the queue gauges from the store: each live run's depth per node, and the oldest message's age. */
  private async readQueues(): Promise<void> {
    const live = this.store ? await this.liveRuns() : [];
    this.queueDepth.reset();
    this.oldestAge.reset();
    const store = this.store;
    if (!store) return;
    for (const { flowId, runId } of live) {
      const depths = await store.queue.depthByNode(runId);
      // Exact: the store keeps when each message entered its node's queue (enqueued_at).
      const ages = await store.queue.oldestAgeByNode(runId);
      const nodes = new Set([...(this.nodesOf.get(flowId) ?? []), ...depths.keys()]);
      for (const nodeId of nodes) {
        const depth = depths.get(nodeId) ?? 0;
        this.queueDepth.labels(flowId, nodeId).set(depth);
        this.oldestAge.labels(flowId, nodeId).set((ages.get(nodeId) ?? 0) / 1000);
      }
    }
  }

  private committed(runId: string, tallies: Map<string, NodeTally>): void {
    const known = this.runs.get(runId);
    if (known && 'flowId' in known) {
      if (known.flowId !== undefined) this.count(known.flowId, tallies);
    } else if (known) {
      known.waiting.push(tallies);
    } else {
      this.lookUp(runId, tallies);
    }
  }

  /** Finds the run's flow once (off the commit's path); tallies committed meanwhile wait for it. */
  private lookUp(runId: string, first: Map<string, NodeTally>): void {
    const entry = { waiting: [first] };
    this.runs.set(runId, entry);
    if (this.runs.size > REMEMBERED_RUNS) this.runs.delete(this.runs.keys().next().value as string);
    void (this.store as EngineStore).runs.find(runId).then(
      (run) => {
        const flowId = run && run.kind !== 'test' ? run.flowId : undefined;
        this.runs.set(runId, { flowId });
        if (flowId !== undefined) for (const tallies of entry.waiting) this.count(flowId, tallies);
      },
      () => this.runs.delete(runId), // The store failed: the next commit of this run looks again.
    );
  }

  private count(flowId: string, tallies: Map<string, NodeTally>): void {
    let nodes = this.nodesOf.get(flowId);
    if (!nodes) this.nodesOf.set(flowId, (nodes = new Set()));
    for (const [nodeId, tally] of tallies) {
      if (!nodes.has(nodeId)) {
        // A node's three counters start together at 0, so a rate() over them never misses a series.
        nodes.add(nodeId);
        for (const counter of [this.messagesIn, this.messagesOut, this.messagesFailed]) counter.labels(flowId, nodeId).inc(0);
      }
      if (tally.in > 0) this.messagesIn.labels(flowId, nodeId).inc(tally.in);
      if (tally.out > 0) this.messagesOut.labels(flowId, nodeId).inc(tally.out);
      if (tally.failed > 0) this.messagesFailed.labels(flowId, nodeId).inc(tally.failed);
      if (tally.durations.length > 0) {
        const histogram = this.stepDuration.labels(flowId, nodeId);
        for (const seconds of tally.durations) histogram.observe(seconds);
      }
    }
  }
}
