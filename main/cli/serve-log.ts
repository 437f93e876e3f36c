// What `pipewright serve` writes about itself to stderr: start and stop, live flows going live,
// redeployed, stopped or failing (main/api/live-flows.ts), its triggers' lines (file watches,
// schedules) and the server's own (unexpected errors, webhooks that cannot check their senders).
// `--log-format text` (the default) writes the plain `pipewright: …` lines a person reads;
// `--log-format json` writes one pino JSON object per line — level, time, msg, component and, for live
// flows, flowId, event, version and runId — for journald, a container runtime or a log shipper.
// The banner (address and token) stays on stdout, as text, in both formats.
import pino, { type Logger } from 'pino';
import type { LiveLogDetail } from '../api/live-flows.js';
import type { Terminal } from './context.js';
import { PREFIX } from './format/problems.js';

export const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

type Level = 'info' | 'warn' | 'error';

export interface ServeLog {
  /** A line about the server itself (started, stopping, stopped). */
  write(level: Level, message: string, fields?: Record<string, unknown>): void;
  /** A plain-line logger for one part of the server; its JSON lines carry `component`. */
  component(name: string, level?: Level): (line: string) => void;
  /** LiveFlows' log: a live flow went live, was redeployed or stopped, or could not go live. */
  readonly live: (line: string, detail: LiveLogDetail) => void;
}

const LIVE_LEVELS: Record<LiveLogDetail['event'], Level> = {
  live: 'info', redeployed: 'info', stopped: 'info', resumed: 'info', failed: 'error', 'resume-failed': 'error', paused: 'info', unpaused: 'info',
};

export function createServeLog(format: LogFormat, terminal: Terminal): ServeLog {
  if (format === 'text') {
    const text = (message: string): void => terminal.err(`${PREFIX}: ${message}`);
    return {
      write: (_level, message) => text(message),
      component: () => text,
      live: (line) => text(line),
    };
  }
  // Written synchronously: the last lines before an exit must not be lost in a buffer.
  const logger: Logger = pino(
    { base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } },
    pino.destination({ fd: 2, sync: true }),
  );
  return {
    write: (level, message, fields = {}) => logger[level]({ component: 'server', ...fields }, message),
    component: (name, level = 'info') => (line) => logger[level]({ component: name }, line),
    live: (line, detail) => logger[LIVE_LEVELS[detail.event]]({ component: 'live-flows', ...detail }, line),
  };
}
