// How a run's outcome is shown: the `--json` shape of DESIGN.md §7 (shared by run, resume, runs show
// and dlq replay) and a short human summary. Also the exit code a report stands for.
import type { DeadLetterSummary, RunReport } from '../../engine/types.js';
import { REPORT_OUTPUT_LIMIT } from '../../engine/report.js';
import { EXIT } from '../context.js';
import { formatCount } from './count.js';
import { oneLine } from './problems.js';

export interface JsonReport {
  runId: string;
  status: RunReport['status'];
  outputs: RunReport['outputs'];
  dead: DeadLetterSummary[];
  counts: RunReport['counts'];
  /** Messages per terminal node; `outputs` holds the first 10,000 when `outputsTruncated` is set. */
  outputCounts: RunReport['outputCounts'];
  outputsTruncated?: true;
}

export function jsonReport(report: RunReport): JsonReport {
  const json: JsonReport = { runId: report.runId, status: report.status, outputs: report.outputs, dead: report.dead, counts: report.counts, outputCounts: report.outputCounts };
  if (report.outputsTruncated) json.outputsTruncated = true;
  return json;
}

/** 0 when everything reached the end, 1 with dead letters or a failed run, 130 when interrupted. */
export function reportExitCode(report: RunReport): number {
  if (report.status === 'interrupted' || report.status === 'running') return EXIT.interrupted;
  if (report.status === 'failed' || report.dead.length > 0) return EXIT.failed;
  return EXIT.ok;
}

const plural = (count: number, word: string): string => `${formatCount(count)} ${word}${count === 1 ? '' : 's'}`;

export function deadLetterLine(dead: DeadLetterSummary): string {
  return `${dead.id}  ${dead.flowId} › ${dead.nodeId}  ${dead.error.code} ${oneLine(dead.error.message)}`;
}

export function summaryLines(report: RunReport, options: { verb?: string } = {}): string[] {
  const { counts } = report;
  const lines = [
    `${options.verb ?? 'run'} ${report.runId} ${report.status}: ${plural(counts.received, 'message')} in, ${plural(counts.processed, 'step')} done, ${formatCount(counts.dead)} dead${counts.pending > 0 ? `, ${formatCount(counts.pending)} pending` : ''}`,
  ];
  for (const [nodeId, count] of Object.entries(report.outputCounts)) lines.push(`  ${nodeId}: ${plural(count, 'message')}`);
  if (report.outputsTruncated) lines.push(`  (the report holds the first ${formatCount(REPORT_OUTPUT_LIMIT)} outputs; all of them are in the state database)`);
  const shown = report.dead.slice(0, 10);
  if (shown.length > 0) lines.push('dead letters:');
  for (const dead of shown) lines.push(`  ${deadLetterLine(dead)}`);
  if (report.dead.length > shown.length) lines.push(`  …and ${report.dead.length - shown.length} more (pipewright dlq list --run ${report.runId})`);
  const waiting = report.dead.filter((dead) => dead.replayedIn === undefined).length;
  if (waiting > 0) lines.push(`fix the flow, then: pipewright dlq replay --all --run ${report.runId}`);
  else if (report.dead.length > 0) lines.push(`every dead letter was replayed (see: pipewright dlq list --run ${report.runId} --replayed)`);
  if (report.status === 'interrupted' || report.status === 'running') lines.push(`finish it with: pipewright resume ${report.runId}`);
  return lines;
}
