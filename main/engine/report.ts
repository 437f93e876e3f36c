// What hosts read about runs: the report (`pipewright run --json`), summaries for `runs`, and the run's
// effective status — a run left "running" by a process that died reads as "interrupted".
import { isOwnerGone } from './recovery.js';
import type { DeadLetterStore } from './dead-letters.js';
import type { MessageQueue } from './queue.js';
import type { RunRecord, RunRecords } from './run-records.js';
import type { StateDatabase } from './store/database.js';
import type { RunReport, RunStatus, RunSummary } from './types.js';

/** Outputs loaded into one report at most; a bigger run says how many were left out. */
export const REPORT_OUTPUT_LIMIT = 10_000;

export class RunReports {
  private readonly outputs;
  private readonly recent;
  private readonly recentOfFlow;

  constructor(
    db: StateDatabase,
    private readonly runs: RunRecords,
    private readonly queue: MessageQueue,
    private readonly deadLetters: DeadLetterStore,
    private readonly leaseMs: number,
  ) {
    this.outputs = db.prepare<[string, number], { node_id: string; payload: string }>('SELECT node_id, payload FROM run_outputs WHERE run_id = ? ORDER BY seq LIMIT ?');
    this.recent = db.prepare<[number], RunRecord>('SELECT * FROM runs ORDER BY started_at DESC, rowid DESC LIMIT ?');
    this.recentOfFlow = db.prepare<[string, number], RunRecord>('SELECT * FROM runs WHERE flow_id = ? ORDER BY started_at DESC, rowid DESC LIMIT ?');
  }

  report(runId: string): RunReport {
    const run = this.runs.get(runId);
    const outputs: Record<string, unknown[]> = {};
    let loaded = 0;
    for (const row of this.outputs.iterate(runId, REPORT_OUTPUT_LIMIT + 1)) {
      loaded += 1;
      if (loaded > REPORT_OUTPUT_LIMIT) break;
      (outputs[row.node_id] ??= []).push(JSON.parse(row.payload));
    }
    const summary = this.summary(run);
    const report: RunReport = {
      runId, status: summary.status, flowId: run.flow_id, flowVersion: run.flow_version,
      outputs, dead: this.deadLetters.ofRun(runId), counts: summary.counts, startedAt: run.started_at,
    };
    if (run.finished_at !== null) report.finishedAt = run.finished_at;
    if (loaded > REPORT_OUTPUT_LIMIT) report.outputsTruncated = true;
    return report;
  }

  list(options: { flowId?: string; limit?: number } = {}): RunSummary[] {
    const limit = options.limit ?? 50;
    const rows = options.flowId === undefined ? this.recent.all(limit) : this.recentOfFlow.all(options.flowId, limit);
    return rows.map((run) => this.summary(run));
  }

  private summary(run: RunRecord): RunSummary {
    const pending = this.queue.countInRun(run.id) + this.runs.notYetIngested(run.id);
    const summary: RunSummary = {
      runId: run.id, flowId: run.flow_id, flowVersion: run.flow_version, status: effectiveStatus(run, pending, this.leaseMs), kind: run.kind,
      startedAt: run.started_at, counts: { received: run.received, processed: run.processed, pending, dead: run.dead },
    };
    if (run.finished_at !== null) summary.finishedAt = run.finished_at;
    return summary;
  }
}

export function effectiveStatus(run: RunRecord, pending: number, leaseMs: number): RunStatus {
  if (run.status === 'running' && isOwnerGone(run.owner, run.heartbeat_at, leaseMs)) return pending > 0 ? 'interrupted' : finalStatus(run.dead);
  return run.status;
}

export function finalStatus(dead: number): RunStatus {
  return dead > 0 ? 'failed' : 'succeeded';
}
