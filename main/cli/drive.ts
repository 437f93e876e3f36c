// Drives a run (run, resume, dlq replay) the same way for every verb: SIGINT/SIGTERM abort the drive so
// leases are released, progress shows on a terminal, and the outcome is printed as JSON or a summary.
import type { DriveOptions, RunReport } from '../engine/types.js';
import type { CliContext } from './context.js';
import { watchInterrupts, type Interrupt } from './interrupt.js';
import { progressLine } from './progress.js';
import { jsonReport, reportExitCode, summaryLines } from './format/report.js';

export interface DriveRequest {
  json: boolean;
  verb: string;
  /** Signals already being watched (e.g. since before the run was started); disposed here. */
  interrupt?: Interrupt;
  drive(options: DriveOptions): Promise<RunReport>;
}

export async function driveRun(ctx: CliContext, label: string, request: DriveRequest): Promise<RunReport & { exitCode: number }> {
  const progress = progressLine(ctx.terminal, `${request.verb} ${label}`);
  const interrupt = request.interrupt ?? watchInterrupts();
  interrupt.onSignal = (signal) => {
    progress.done();
    ctx.terminal.err(`pipewright: ${signal}: stopping ${request.verb} ${label}, releasing its messages…`);
  };
  let report: RunReport;
  try {
    report = await request.drive({ signal: interrupt.signal, onProgress: (p) => progress.update(p) });
  } finally {
    progress.done();
    interrupt.dispose();
  }
  if (request.json) {
    ctx.terminal.out(JSON.stringify(jsonReport(report), null, 2));
    if (report.status === 'interrupted' || report.status === 'running') ctx.terminal.err(`pipewright: finish it with: pipewright resume ${report.runId}`);
  } else {
    for (const line of summaryLines(report, { verb: request.verb })) ctx.terminal.out(line);
  }
  return { ...report, exitCode: reportExitCode(report) };
}
