// How the operations views write times, durations, counts and statuses: one place, so the Runs and
// Dead letters views read the same.
import type { RunStatus } from '../../../shared/runs.js';

export function formatDuration(ms: number): string {
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Local date and time to the second: the operator compares it with their own clock. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? word : many}`;
}

export const statusLabels: Record<RunStatus, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

/** A run id shortened for a table cell; the whole id stays in the accessible name and the title. */
export function shortId(id: string): string {
  return id.length <= 14 ? id : `${id.slice(0, 13)}…`;
}

/** JSON as shown in the payload panes; a value the trace did not keep says so. */
export function payloadText(value: unknown, kept = true): string {
  if (!kept) return '(not kept: the flow\'s trace mode keeps payloads only where something failed)';
  return JSON.stringify(value, null, 2) ?? 'undefined';
}
