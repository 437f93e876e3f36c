// What hosts read about runs: the report (`pipewright run --json`), summaries for `runs`, and the run's
// effective status — a run left "running" by a process that died reads as "interrupted".
import { PipewrightError } from '../../shared/errors.js';
import { toDeadLetterSummary } from './dead-letter-view.js';
import { isOwnerGone } from './recovery.js';
import { NO_REDACTION, type Redaction } from './redaction.js';
import type { EngineStore, RunRecord } from './store/types.js';
import type { RunReport, RunStatus, RunSummary } from './types.js';

/** Outputs loaded into one report at most; a bigger run says how many were left out. */
export const REPORT_OUTPUT_LIMIT = 10_000;

export class RunReports {
  constructor(private readonly store: EngineStore, private readonly leaseMs: number, private readonly redaction: Redaction = NO_REDACTION) {}

  async run(runId: string): Promise<RunRecord> {
    const run = await this.store.runs.find(runId);
    if (!run) throw new PipewrightError('RUN_NOT_FOUND', `run "${runId}" does not exist in this workspace (see \`pipewright runs\`)`);
    return run;
  }

  async report(runId: string): Promise<RunReport> {
    const run = await this.run(runId);
    const outputs: Record<string, unknown[]> = {};
    const rows = await this.store.runs.outputs(runId, REPORT_OUTPUT_LIMIT + 1);
    for (const row of rows.slice(0, REPORT_OUTPUT_LIMIT)) (outputs[row.nodeId] ??= []).push(JSON.parse(this.redaction.json(row.payload)));
    const summary = await this.summary(run);
    const dead = await this.store.deadLetters.list({ runId, includeReplayed: true });
    const truncated = rows.length > REPORT_OUTPUT_LIMIT;
    const outputCounts = truncated ? await this.store.runs.outputCounts(runId) : Object.fromEntries(Object.entries(outputs).map(([nodeId, list]) => [nodeId, list.length]));
    const report: RunReport = {
      runId, status: summary.status, flowId: run.flowId, flowVersion: run.flowVersion,
      outputs, outputCounts, dead: dead.map(toDeadLetterSummary), counts: summary.counts, startedAt: run.startedAt,
    };
    if (run.finishedAt !== null) report.finishedAt = run.finishedAt;
    if (truncated) report.outputsTruncated = true;
    return report;
  }

  async list(options: { flowId?: string; limit?: number } = {}): Promise<RunSummary[]> {
    const query: { flowId?: string; limit: number } = { limit: options.limit ?? 50 };
    if (options.flowId !== undefined) query.flowId = options.flowId;
    const runs = await this.store.runs.list(query);
    return Promise.all(runs.map((run) => this.summary(run)));
  }

  /** Messages queued or not yet read from an input file. */
  async pending(runId: string): Promise<number> {
    return (await this.store.queue.countInRun(runId)) + (await this.store.runs.notYetIngested(runId));
  }

  /** One run's summary without its outputs: RUN_NOT_FOUND when there is no such run. */
  async summaryOf(runId: string): Promise<RunSummary> {
    return this.summary(await this.run(runId));
  }

  private async summary(run: RunRecord): Promise<RunSummary> {
    const pending = await this.pending(run.id);
    const summary: RunSummary = {
      runId: run.id, flowId: run.flowId, flowVersion: run.flowVersion, status: effectiveStatus(run, pending, this.leaseMs), kind: run.kind,
      startedAt: run.startedAt, counts: { received: run.received, processed: run.processed, pending, dead: run.dead },
    };
    if (run.finishedAt !== null) summary.finishedAt = run.finishedAt;
    return summary;
  }
}

export function effectiveStatus(run: RunRecord, pending: number, leaseMs: number): RunStatus {
  if (run.status === 'running' && isOwnerGone(run.owner, run.heartbeatAt, leaseMs)) return pending > 0 ? 'interrupted' : finalStatus(run.dead);
  return run.status;
}

export function finalStatus(dead: number): RunStatus {
  return dead > 0 ? 'failed' : 'succeeded';
}
