// What the engine does for a node that sets no retry policy or queue bound, for the forms to show as
// placeholders. The engine's own values live in main/engine (retry.ts, nodes/*.ts `defaultRetry`,
// engine.ts ENGINE_DEFAULTS), which the designer may not import (DESIGN.md §1); the unit test
// test/unit/renderer/settings-engine-defaults.test.ts fails when these drift from them.
import type { RetryPolicy } from '../../../shared/flow/schema.js';

/** Kinds whose executor brings its own default policy. */
const KIND_RETRY: Readonly<Record<string, RetryPolicy>> = {
  'http.request': { maxAttempts: 5, backoffMs: 500, maxBackoffMs: 30_000 },
  'db.query': { maxAttempts: 5, backoffMs: 500, maxBackoffMs: 30_000 },
  'file.read': { maxAttempts: 3, backoffMs: 500, maxBackoffMs: 10_000 },
  'file.write': { maxAttempts: 3, backoffMs: 500, maxBackoffMs: 10_000 },
};

/** Every other kind: a transient failure is tried 3 times. */
export const FALLBACK_RETRY: RetryPolicy = { maxAttempts: 3, backoffMs: 1000, maxBackoffMs: 60_000 };

/** The queue bound of a node without `queueLimit`. */
export const DEFAULT_QUEUE_LIMIT = 10_000;

export function defaultRetryOf(type: string): RetryPolicy {
  return KIND_RETRY[type] ?? FALLBACK_RETRY;
}
