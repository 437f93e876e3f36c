// Retry policy and backoff (DESIGN.md §4 "Retries"): exponential backoff with full jitter, capped,
// never shorter than a server's Retry-After.
import type { RetryPolicy } from '../../shared/flow/schema.js';
import type { NodeExecutor } from './types.js';

/** For nodes that set no policy and whose kind has no default: a transient failure is tried 3 times. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, backoffMs: 1000, maxBackoffMs: 60_000 };

export function retryPolicyFor(nodeRetry: RetryPolicy | undefined, executor: NodeExecutor): RetryPolicy {
  return nodeRetry ?? executor.defaultRetry ?? DEFAULT_RETRY;
}

/** Delay before the attempt after `attempt` (1-based): uniform in [0, min(cap, base·2^(attempt-1))]. */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, retryAfterMs?: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** Math.min(attempt - 1, 30));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs !== undefined && retryAfterMs > jittered ? retryAfterMs : jittered;
}
