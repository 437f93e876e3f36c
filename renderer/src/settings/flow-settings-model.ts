// The flow's "Flow settings" form as plain data: the trace modes with what each keeps, the sample rate
// as a percentage, and retention one field at a time (the field model is the Retention dialog's,
// ../operations/retention-model.ts). DESIGN.md §4 "Traces and retention".
import { flowSettingsSchema, type FlowSettings, type TraceMode } from '../../../shared/flow/schema.js';
import { fromFields, toFields, type Retention, type RetentionFields } from '../operations/retention-model.js';
import type { FieldResult } from './delivery-model.js';
import { formatPercent, parsePercent } from './units.js';

/** The mode a flow without `settings.trace` gets: decided by the kind of run. */
export const DEFAULT_MODE = 'default';

export interface TraceChoice {
  value: TraceMode | typeof DEFAULT_MODE;
  label: string;
  sentence: string;
}

export const TRACE_CHOICES: readonly TraceChoice[] = [
  { value: DEFAULT_MODE, label: 'Default', sentence: 'Full for test runs; sampled for batch runs, replays and live runs.' },
  { value: 'full', label: 'Full', sentence: 'Every step keeps its input and output payloads, in every run.' },
  { value: 'errors', label: 'Errors only', sentence: 'Payloads are kept only where something failed; counts and timings for every step.' },
  { value: 'sampled', label: 'Sampled', sentence: 'Every failure and the first 100 messages of each input keep their payloads, then a share of the rest.' },
];

const rate = flowSettingsSchema.shape.traceSampleRate.unwrap();
/** The share kept after the first 100 messages when the flow sets none (DESIGN.md §4). */
export const DEFAULT_SAMPLE_RATE = 0.01;
const RATE = { min: rate.minValue ?? 0, max: rate.maxValue ?? 1 };

export function formatSampleRate(share: number | undefined): string {
  return share === undefined ? '' : formatPercent(share);
}

export function parseSampleRate(text: string): FieldResult<number> {
  if (text.trim() === '') return { value: undefined };
  const share = parsePercent(text);
  if (share === undefined || share < RATE.min || share > RATE.max) {
    return { error: `Sample rate must be a percentage from ${formatPercent(RATE.min)} to ${formatPercent(RATE.max)}, or empty for the default (${formatPercent(DEFAULT_SAMPLE_RATE)} %).` };
  }
  return { value: share };
}

/** The settings a trace choice writes: leaving Sampled drops its rate, which means nothing elsewhere. */
export function traceChange(choice: TraceChoice['value']): Pick<FlowSettings, 'trace' | 'traceSampleRate'> {
  if (choice === DEFAULT_MODE) return { trace: undefined, traceSampleRate: undefined };
  return choice === 'sampled' ? { trace: choice } : { trace: choice, traceSampleRate: undefined };
}

export type RetentionKey = keyof RetentionFields;

const RETENTION_KEYS: Readonly<Record<RetentionKey, keyof Retention>> = { days: 'maxAgeDays', runs: 'maxRuns', megabytes: 'maxBytes' };
const NO_FIELDS: RetentionFields = { days: '', runs: '', megabytes: '' };

/** The limit a field edits, as the flow stores it (days, runs, bytes). */
export function retentionLimit(retention: Retention | undefined, key: RetentionKey): number | undefined {
  return retention?.[RETENTION_KEYS[key]];
}

/** A stored limit as its field shows it (bytes as megabytes). */
export function formatRetentionLimit(key: RetentionKey, value: number): string {
  return toFields({ [RETENTION_KEYS[key]]: value })[key];
}

/** One retention field's text read as the retention dialog reads it. */
export function parseRetentionField(key: RetentionKey, text: string): FieldResult<number> {
  const { retention, problems } = fromFields({ ...NO_FIELDS, [key]: text });
  if (problems[0] !== undefined) return { error: `${problems[0]}.` };
  return { value: retention?.[RETENTION_KEYS[key]] };
}

/** The flow's retention with one limit set or (undefined) removed; undefined when no limit is left. */
export function withRetentionLimit(retention: Retention | undefined, key: RetentionKey, value: number | undefined): Retention | undefined {
  const next: Retention = { ...retention };
  const field = RETENTION_KEYS[key];
  if (value === undefined) delete next[field];
  else next[field] = value;
  return Object.keys(next).length === 0 ? undefined : next;
}
