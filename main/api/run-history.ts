// The Runs view's reads (runs.page, runs.detail, runs.messages, runs.message): paged and filtered
// through the store's narrow read methods (main/engine/store/types.ts), so 100,000 runs or a run of
// 10,000 messages cost one indexed page, never a scan into memory (DESIGN.md §4 "Traces and retention").
// Trace rows are redacted when they are written, so payloads read here are already safe to show.
import type { FlowHealth, HealthSnapshot, LogEntry, MessagePath, NodeStepStats, RunDetail, RunListItem, RunPage, RunSearchPage, StepPage } from '../../shared/api/runs.js';
import type { runLogsParams, runMessageParams, runMessagesParams, runPageParams, runSearchParams } from '../../shared/api/runs.js';
import { PipewrightError, type ErrorData } from '../../shared/errors.js';
import { ENGINE_DEFAULTS } from '../engine/engine.js';
import { effectiveStatus } from '../engine/report.js';
import { toRunLogLine } from '../engine/run-logs.js';
import type { EngineStore, LogPageQuery, NodeStepSummary, RunPageQuery, RunRecord } from '../engine/store/types.js';
import { toStepTrace } from '../engine/traces.js';
import type { z } from 'zod';
import { decodeCursor, encodeCursor } from './page-cursor.js';

const DEFAULT_PAGE = 100;
const MESSAGE_PATH_LIMIT = 1000;
/** Live runs read per health answer: one per live flow version, so far more than a workspace has. */
const MAX_LIVE_RUNS = 500;
/** Step rows one payload search looks at: bounded, so one call stays quick whatever the history holds. */
const DEFAULT_SCAN_STEPS = 100_000;

export class RunHistory {
  constructor(private readonly store: EngineStore) {}

  async page(params: z.infer<typeof runPageParams>): Promise<RunPage> {
    const filter: Omit<RunPageQuery, 'after' | 'limit'> = {};
    if (params.flowId !== undefined) filter.flowId = params.flowId;
    if (params.statuses !== undefined) filter.statuses = params.statuses;
    if (params.kinds !== undefined) filter.kinds = params.kinds;
    // Stored instants are toISOString() text: a given instant is brought to the same form to compare.
    if (params.from !== undefined) filter.startedFrom = new Date(params.from).toISOString();
    if (params.before !== undefined) filter.startedBefore = new Date(params.before).toISOString();
    if (params.search !== undefined) filter.runIds = [runIdOf(params.search)];
    const limit = params.limit ?? DEFAULT_PAGE;
    const query: RunPageQuery = { ...filter, limit: limit + 1 };
    if (params.cursor !== undefined) query.after = decodeCursor<{ startedAt: string; id: string }>(params.cursor, { startedAt: 'string', id: 'string' });
    const [rows, total] = await Promise.all([this.store.runs.page(query), this.store.runs.count(filter)]);
    const runs = await Promise.all(rows.slice(0, limit).map((run) => this.item(run)));
    const page: RunPage = { runs, total };
    const last = rows[limit - 1];
    if (rows.length > limit && last) page.nextCursor = encodeCursor({ startedAt: last.startedAt, id: last.id });
    return page;
  }

  async detail(runId: string): Promise<RunDetail> {
    const run = await this.find(runId);
    const [summaries, groups, replays] = await Promise.all([
      this.store.traces.nodeSummaries(runId),
      this.store.deadLetters.groups({ runId }),
      this.store.runs.page({ replayOf: runId, limit: 100 }),
    ]);
    return {
      run: await this.item(run),
      nodes: summaries.sort((a, b) => a.firstAt - b.firstAt).map(toNodeStats),
      deadLetters: groups.map((group) => ({ nodeId: group.nodeId, errorCode: group.errorCode, count: group.count })),
      replays: await Promise.all(replays.map((replay) => this.item(replay))),
    };
  }

  async messages(params: z.infer<typeof runMessagesParams>): Promise<StepPage> {
    await this.find(params.runId);
    const options: { nodeId?: string; afterSeq?: number; limit: number } = { limit: params.limit ?? DEFAULT_PAGE };
    if (params.nodeId !== undefined) options.nodeId = params.nodeId;
    if (params.cursor !== undefined) options.afterSeq = decodeCursor<{ seq: number }>(params.cursor, { seq: 'number' }).seq;
    const { steps, lastSeq } = await this.store.traces.stepPage(params.runId, options);
    const page: StepPage = { steps: steps.map(toStepTrace) };
    if (lastSeq !== undefined && steps.length >= options.limit) page.nextCursor = encodeCursor({ seq: lastSeq });
    return page;
  }

  async message(params: z.infer<typeof runMessageParams>): Promise<MessagePath> {
    await this.find(params.runId);
    const steps = await this.store.traces.lineage(params.runId, params.messageId, MESSAGE_PATH_LIMIT + 1);
    if (steps.length === 0) {
      throw new PipewrightError('RUN_NOT_FOUND', `run ${params.runId} has no step of message ${params.messageId} (its trace may keep only errors, or retention removed it)`);
    }
    const path: MessagePath = { runId: params.runId, messageId: params.messageId, steps: steps.slice(0, MESSAGE_PATH_LIMIT).map(toStepTrace) };
    if (steps.length > MESSAGE_PATH_LIMIT) path.truncated = true;
    return path;
  }

  /** A run's log lines with their seq: all of them, those after a seq, or the first or last `limit` (runs.logs). */
  async logs(params: z.infer<typeof runLogsParams>): Promise<LogEntry[]> {
    await this.find(params.runId); // RUN_NOT_FOUND rather than an empty log for a mistyped id
    const options: LogPageQuery = { limit: params.limit ?? Number.MAX_SAFE_INTEGER };
    if (params.after !== undefined) options.afterSeq = params.after;
    if (params.before !== undefined) options.beforeSeq = params.before;
    if (params.latest === true && params.limit !== undefined) options.latest = true;
    const rows = await this.store.traces.logPage(params.runId, options);
    return rows.map((row) => ({ ...toRunLogLine(row), seq: row.seq }));
  }

  /** Runs whose kept payloads contain the text, one bounded window of steps per call (newest first). */
  async search(params: z.infer<typeof runSearchParams>): Promise<RunSearchPage> {
    const traces = this.store.traces;
    if (!traces.searchPayloads) throw new PipewrightError('NOT_IMPLEMENTED', `searching payloads is not available on this state database (${this.store.description}) yet`);
    const options: { beforeSeq?: number; scanSteps: number } = { scanSteps: params.scanSteps ?? DEFAULT_SCAN_STEPS };
    if (params.cursor !== undefined) options.beforeSeq = decodeCursor<{ seq: number }>(params.cursor, { seq: 'number' }).seq;
    const found = await traces.searchPayloads(params.text, options);
    const runs = (await Promise.all(found.runIds.map((runId) => this.store.runs.find(runId)))).filter((run): run is RunRecord => run !== undefined);
    const page: RunSearchPage = { runs: await Promise.all(runs.map((run) => this.item(run))), scannedSteps: found.scanned };
    if (found.lowestSeq !== undefined) page.nextCursor = encodeCursor({ seq: found.lowestSeq });
    return page;
  }

  /** The live runs going on now (DESIGN.md §4 "Live flows": one per activated version) with their counters and queues. */
  async health(): Promise<HealthSnapshot> {
    const at = new Date().toISOString();
    const live = await this.store.runs.page({ kinds: ['live'], statuses: ['running'], limit: MAX_LIVE_RUNS });
    const flows: FlowHealth[] = await Promise.all(live.map(async (run) => ({
      flowId: run.flowId, flowVersion: run.flowVersion, runId: run.id, received: run.received, processed: run.processed, dead: run.dead,
      queueDepth: Object.fromEntries(await this.store.queue.depthByNode(run.id)),
      oldestMessageAgeMs: Object.fromEntries(await this.store.queue.oldestAgeByNode(run.id)),
    })));
    return { at, flows: flows.sort((a, b) => a.flowId.localeCompare(b.flowId) || a.flowVersion - b.flowVersion) };
  }

  private async find(runId: string): Promise<RunRecord> {
    const run = await this.store.runs.find(runId);
    if (!run) throw new PipewrightError('RUN_NOT_FOUND', `no run with id ${runId}; the Runs list shows the runs this workspace kept`);
    return run;
  }

  /** A run as listed; only a running run pays for counting what it still has queued. */
  private async item(run: RunRecord): Promise<RunListItem> {
    const pending = run.status === 'running' ? (await this.store.queue.countInRun(run.id)) + (await this.store.runs.notYetIngested(run.id)) : 0;
    const end = run.finishedAt === null ? Date.now() : Date.parse(run.finishedAt);
    const item: RunListItem = {
      runId: run.id, flowId: run.flowId, flowVersion: run.flowVersion, status: effectiveStatus(run, pending, ENGINE_DEFAULTS.leaseMs), kind: run.kind,
      startedAt: run.startedAt, counts: { received: run.received, processed: run.processed, pending, dead: run.dead },
      durationMs: Math.max(0, end - Date.parse(run.startedAt)),
    };
    if (run.finishedAt !== null) item.finishedAt = run.finishedAt;
    if (run.replayOf !== null) item.replayOf = run.replayOf;
    return item;
  }
}

/** A message id starts with its run's id (main/engine/ids.ts): `<runId>.<ordinal>.<n>/…`. */
function runIdOf(search: string): string {
  return search.split(/[./]/, 1)[0] ?? search;
}

function toNodeStats(summary: NodeStepSummary): NodeStepStats {
  const stats: NodeStepStats = {
    // A store without the distinct count gives the steps (retries included): an upper bound.
    nodeId: summary.nodeId, steps: summary.steps, messages: summary.messages ?? summary.steps, errors: summary.errors, totalMs: round(summary.totalMs), avgMs: round(summary.steps === 0 ? 0 : summary.totalMs / summary.steps),
    maxMs: round(summary.maxMs), firstAt: new Date(summary.firstAt).toISOString(), lastAt: new Date(summary.lastAt).toISOString(),
    byPort: summary.emittedByPort ?? {},
    // A store without the count gives every failed step (retries included): an upper bound.
    failedMessages: summary.failedMessages ?? summary.errors,
  };
  if (summary.lastError !== undefined) stats.lastError = JSON.parse(summary.lastError) as ErrorData;
  return stats;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
