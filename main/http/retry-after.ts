// Turns a server's Retry-After header (RFC 9110 §10.2.3: delay-seconds or an HTTP date) into a delay
// the engine can schedule. Capped, because a misbehaving server must not park a message for days.

/** The longest delay we honour from Retry-After; longer values are cut to this. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

/**
 * Milliseconds to wait, or undefined when the header is absent or unreadable (the engine's own backoff
 * applies then). A date in the past means "retry now" (0).
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(text)) {
    // The RFC says whole seconds; some servers send fractions, which are harmless to accept.
    ms = Math.ceil(Number(text) * 1000);
  } else {
    // An HTTP date always names a weekday and month; Date.parse alone would read "-5" as a year.
    if (!/[A-Za-z]{3}/.test(text)) return undefined;
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}
