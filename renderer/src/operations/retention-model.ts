// Retention as the form holds it (days, runs, megabytes as typed) and as a flow keeps it
// (`settings.retention`: maxAgeDays, maxRuns, maxBytes — DESIGN.md §4 "Traces and retention"), both ways,
// with a message per field a user can get wrong.
import type { FlowSettings } from '../../../shared/flow/schema.js';

export type Retention = NonNullable<FlowSettings['retention']>;

export interface RetentionFields {
  days: string;
  runs: string;
  megabytes: string;
}

const MB = 1024 * 1024;

export function toFields(retention: Retention | undefined): RetentionFields {
  return {
    days: retention?.maxAgeDays === undefined ? '' : String(retention.maxAgeDays),
    runs: retention?.maxRuns === undefined ? '' : String(retention.maxRuns),
    megabytes: retention?.maxBytes === undefined ? '' : String(Math.round((retention.maxBytes / MB) * 100) / 100),
  };
}

/** The policy the fields mean (undefined: keep everything), or the problems to show. */
export function fromFields(fields: RetentionFields): { retention?: Retention; problems: string[] } {
  const problems: string[] = [];
  const retention: Retention = {};
  const number = (text: string, name: string, check: (n: number) => boolean, rule: string): number | undefined => {
    if (text.trim() === '') return undefined;
    const value = Number(text);
    if (!Number.isFinite(value) || !check(value)) {
      problems.push(`${name} must be ${rule}, or empty for no limit`);
      return undefined;
    }
    return value;
  };
  const days = number(fields.days, 'Days', (n) => n >= 0, 'a number of days (0 or more)');
  const runs = number(fields.runs, 'Runs', (n) => Number.isInteger(n) && n >= 1, 'a whole number of runs (1 or more)');
  const megabytes = number(fields.megabytes, 'Megabytes', (n) => n > 0, 'a size in MB above 0');
  if (days !== undefined) retention.maxAgeDays = days;
  if (runs !== undefined) retention.maxRuns = runs;
  if (megabytes !== undefined) retention.maxBytes = Math.max(1, Math.round(megabytes * MB));
  return Object.keys(retention).length === 0 ? { problems } : { retention, problems };
}

/** A policy in a few words for people: "30 days / 1 GB", "100 runs", or "keep every run". */
export function describeRetention(retention: Retention | undefined): string {
  const parts: string[] = [];
  if (retention?.maxAgeDays !== undefined) parts.push(`${retention.maxAgeDays} ${retention.maxAgeDays === 1 ? 'day' : 'days'}`);
  if (retention?.maxRuns !== undefined) parts.push(`${retention.maxRuns.toLocaleString()} ${retention.maxRuns === 1 ? 'run' : 'runs'}`);
  if (retention?.maxBytes !== undefined) parts.push(formatBytes(retention.maxBytes));
  return parts.length === 0 ? 'keep every run' : parts.join(' / ');
}

function formatBytes(bytes: number): string {
  const gigabytes = bytes / (1024 * MB);
  if (gigabytes >= 1) return `${Math.round(gigabytes * 100) / 100} GB`;
  return `${Math.round((bytes / MB) * 100) / 100} MB`;
}
