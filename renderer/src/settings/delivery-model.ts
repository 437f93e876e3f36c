// The node's "Delivery and notes" form as plain data: which settings apply to a kind, the retry mode a
// policy means, and each field's text parsed against the flow schema's bounds (shared/flow/schema.ts)
// with a message in words when it is out of them. DESIGN.md §4 "Retries" and "Back pressure".
import type { NodeKind } from '../../../shared/catalog/index.js';
import { flowNodeSchema, retryPolicySchema, type RetryPolicy } from '../../../shared/flow/schema.js';
import type { NodeDelivery, RetrySetting } from '../canvas/changes.js';
import { DEFAULT_QUEUE_LIMIT, defaultRetryOf } from './engine-defaults.js';
import { formatCount, formatDuration, parseCount, parseDuration } from './units.js';

/** A field's text read: the value to store (undefined: remove the key), or why it cannot be stored. */
export type FieldResult<T> = { value: T | undefined; error?: undefined } | { error: string };

const shape = retryPolicySchema.shape;
/** A custom policy retries at least once: one attempt is the "Off" choice. */
export const ATTEMPTS = { min: 2, max: shape.maxAttempts.maxValue ?? 100 };
export const FIRST_DELAY = { min: 0, max: shape.backoffMs.unwrap().maxValue ?? 3_600_000 };
export const MAX_DELAY = { min: 0, max: shape.maxBackoffMs.unwrap().maxValue ?? 86_400_000 };
export const QUEUE_LIMIT = { min: flowNodeSchema.shape.queueLimit.unwrap().minValue ?? 1, max: flowNodeSchema.shape.queueLimit.unwrap().maxValue ?? 10_000_000 };
/** The delays a policy that names only its attempts gets (the schema's defaults). */
export const POLICY_DEFAULTS: RetryPolicy = retryPolicySchema.parse({ maxAttempts: ATTEMPTS.min });

export type RetryMode = 'default' | 'off' | 'custom';

export interface DeliveryApplies {
  /** Only a node that reaches outside fails transiently; triggers pass messages on and never fail so. */
  retry: boolean;
  /** A trigger bounds what it takes in; a node with effects holds a queue. Pure nodes run fused with the step before them and queue nothing. */
  queueLimit: boolean;
}

export function deliveryApplies(kind: Pick<NodeKind, 'isTrigger' | 'effects'> | undefined): DeliveryApplies {
  if (kind === undefined) return { retry: true, queueLimit: true };
  const trigger = kind.isTrigger === true;
  return { retry: !trigger && kind.effects === 'external', queueLimit: trigger || kind.effects === 'external' };
}

export function retryModeOf(retry: RetrySetting | undefined): RetryMode {
  if (retry === undefined) return 'default';
  return retry.maxAttempts <= 1 ? 'off' : 'custom';
}

/** The policy written when a mode is chosen: custom starts from the kind's default attempts. */
export function retryForMode(mode: RetryMode, type: string): RetrySetting | undefined {
  if (mode === 'default') return undefined;
  if (mode === 'off') return { maxAttempts: 1 };
  return { maxAttempts: defaultRetryOf(type).maxAttempts };
}

/** "5 attempts, first delay 500 ms, at most 30 s between them". */
export function describeRetry(policy: RetryPolicy): string {
  if (policy.maxAttempts <= 1) return 'no retries';
  return `${policy.maxAttempts} attempts, first delay ${formatDuration(policy.backoffMs)}, at most ${formatDuration(policy.maxBackoffMs)} between them`;
}

/** The policy the engine runs with for a written one (delays filled from the schema). */
export function effectiveRetry(retry: RetrySetting): RetryPolicy {
  return { ...POLICY_DEFAULTS, ...retry };
}

export function parseAttempts(text: string): FieldResult<number> {
  const count = parseCount(text);
  if (text.trim() === '') return { error: `Give the number of attempts, ${ATTEMPTS.min} to ${ATTEMPTS.max}, or choose Default.` };
  if (count === undefined || count < ATTEMPTS.min || count > ATTEMPTS.max) {
    return { error: `Attempts must be a whole number from ${ATTEMPTS.min} to ${ATTEMPTS.max} (the first try included); for no retries choose Off.` };
  }
  return { value: count };
}

export function parseFirstDelay(text: string): FieldResult<number> {
  return parseDelay(text, 'First delay', FIRST_DELAY.max);
}

export function parseMaxDelay(text: string): FieldResult<number> {
  return parseDelay(text, 'Max delay', MAX_DELAY.max);
}

function parseDelay(text: string, name: string, max: number): FieldResult<number> {
  if (text.trim() === '') return { value: undefined };
  const ms = parseDuration(text);
  if (ms === undefined || ms > max) return { error: `${name} must be a duration from 0 to ${formatDuration(max)}, such as 500 ms, 2 s or 1 min.` };
  return { value: ms };
}

export function parseQueueLimit(text: string): FieldResult<number> {
  if (text.trim() === '') return { value: undefined };
  const count = parseCount(text);
  if (count === undefined || count < QUEUE_LIMIT.min || count > QUEUE_LIMIT.max) {
    return { error: `Queue limit must be a whole number from ${formatCount(QUEUE_LIMIT.min)} to ${formatCount(QUEUE_LIMIT.max)}, or empty for the default (${formatCount(DEFAULT_QUEUE_LIMIT)}).` };
  }
  return { value: count };
}

/** A note when the cap is below the first delay: every wait is then the cap at most. */
export function delayNote(retry: RetrySetting): string | undefined {
  const policy = effectiveRetry(retry);
  return policy.maxBackoffMs < policy.backoffMs ? `No wait is longer than the max delay (${formatDuration(policy.maxBackoffMs)}), which is below the first delay.` : undefined;
}

/** The section's closed line: "3 attempts · queue 500 · note". */
export function deliverySummary(delivery: NodeDelivery): string {
  const parts: string[] = [];
  if (delivery.retry !== undefined) parts.push(delivery.retry.maxAttempts <= 1 ? 'no retries' : `${delivery.retry.maxAttempts} attempts`);
  if (delivery.queueLimit !== undefined) parts.push(`queue ${formatCount(delivery.queueLimit)}`);
  if (delivery.notes !== undefined && delivery.notes !== '') parts.push('note');
  return parts.join(' · ');
}
