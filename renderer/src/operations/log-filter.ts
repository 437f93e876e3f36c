// What the Logs view shows of a run's log: a minimum level, one node, a text, applied to the lines
// read so far; and the lines kept in memory while a run keeps logging (the oldest go first).
import type { LogEntry } from '../../../shared/api/runs.js';
import type { LogLevel } from '../../../shared/runs.js';

/** Least to most severe. */
export const logLevels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** The level as a word (shown beside its colour, so it never depends on colour alone). */
export const levelWords: Record<LogLevel, string> = { debug: 'Debug', info: 'Info', warn: 'Warning', error: 'Error' };

/** The level filter's choices: each shows its level and the more severe ones. */
export const levelChoices: ReadonlyArray<{ value: LogLevel; label: string }> = [
  { value: 'debug', label: 'All levels' },
  { value: 'info', label: 'Info and above' },
  { value: 'warn', label: 'Warnings and errors' },
  { value: 'error', label: 'Errors only' },
];

export interface LogFilter {
  minLevel: LogLevel;
  /** '' for every node (and the run's own lines). */
  nodeId: string;
  /** Found in the message or the node id, ignoring case; '' for every line. */
  text: string;
}

export const noLogFilter: LogFilter = { minLevel: 'debug', nodeId: '', text: '' };

export function filterLog(lines: readonly LogEntry[], filter: LogFilter): LogEntry[] {
  const least = logLevels.indexOf(filter.minLevel);
  const text = filter.text.trim().toLowerCase();
  return lines.filter((line) =>
    logLevels.indexOf(line.level) >= least
    && (filter.nodeId === '' || line.nodeId === filter.nodeId)
    && (text === '' || line.message.toLowerCase().includes(text) || (line.nodeId?.toLowerCase().includes(text) ?? false)));
}

/** The nodes that wrote the lines, sorted: the node filter's choices. */
export function logNodes(lines: readonly LogEntry[]): string[] {
  const nodes = new Set<string>();
  for (const line of lines) if (line.nodeId !== undefined) nodes.add(line.nodeId);
  return [...nodes].sort();
}

/** Lines a view keeps at most: a live flow logging for days stays a bounded list (earlier ones can be read back). */
export const MAX_KEPT_LINES = 20_000;

/**
 * New lines added after those kept, each line once (an answer may repeat lines already shown when two
 * reads overlap); the oldest dropped past `max`. `dropped` says whether any were.
 */
export function appendLines(kept: readonly LogEntry[], newer: readonly LogEntry[], max = MAX_KEPT_LINES): { lines: LogEntry[]; dropped: boolean } {
  const last = kept.at(-1)?.seq ?? 0;
  const fresh = newer.filter((line) => line.seq > last);
  const lines = fresh.length === 0 ? [...kept] : [...kept, ...fresh];
  return lines.length > max ? { lines: lines.slice(lines.length - max), dropped: true } : { lines, dropped: false };
}
