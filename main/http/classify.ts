// Which HTTP failures are worth retrying (DESIGN.md §4 "Retries"): time-outs, dropped or refused
// connections, 408, 429 and 5xx are transient; any other 4xx, a redirect (./client.ts follows none)
// and a broken request are permanent. Every message names the method, the URL, the status and what
// the server said, so a dead letter explains itself. The results are neutral HttpFailures; the engine
// wraps them in NodeErrors (main/engine/nodes/http/classify.ts).
import type { ErrorCode } from '../../shared/errors.js';
import { HttpFailure } from './failure.js';
import { excerpt } from './response.js';
import { parseRetryAfter } from './retry-after.js';

export interface RequestTarget {
  method: string;
  url: URL;
}

/**
 * `POST https://erp.example/api/orders`. The query string is elided and user-info never appears
 * (URL.origin drops it): either may hold a secret, and this text lands in traces and dead letters.
 */
export function describeTarget({ method, url }: RequestTarget): string {
  return `${method} ${url.origin}${url.pathname}${url.search ? '?…' : ''}`;
}

function withBody(summary: string, bodyText: string): string {
  const said = excerpt(bodyText);
  return said === '' ? summary : `${summary}: ${said}`;
}

/** The failure a non-2xx status means, or undefined when the status means success. */
export function statusFailure(
  target: RequestTarget,
  status: number,
  headers: Record<string, string | string[] | undefined>,
  bodyText: string,
): HttpFailure | undefined {
  if (status >= 200 && status < 300) return undefined;
  const where = describeTarget(target);
  const retryAfterMs = parseRetryAfter(headers['retry-after']);
  const transient = (code: ErrorCode, summary: string): HttpFailure =>
    new HttpFailure(code, withBody(summary, bodyText), { transient: true, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });

  if (status === 429) return transient('HTTP_429', `${where} was rate-limited (429 Too Many Requests); will retry${retryAfterMs === undefined ? '' : ` after ${retryAfterMs} ms as Retry-After asks`}`);
  if (status === 408) return transient('HTTP_TIMEOUT', `${where} answered 408 Request Timeout`);
  if (status >= 500) return transient('HTTP_5XX', `${where} failed with server error ${status}`);
  if (status >= 300 && status < 400) {
    const location = headers.location;
    return new HttpFailure(
      'HTTP_REDIRECT',
      `${where} answered ${status} redirecting to ${String(location ?? '(no Location)')}; redirects are not followed — point the node's URL at the final address`,
      { transient: false },
    );
  }
  if (status >= 400) return new HttpFailure('HTTP_4XX', withBody(`${where} was rejected with ${status}; fix the request (URL, headers, body or credential) and replay`, bodyText), { transient: false });
  return new HttpFailure('HTTP_UNEXPECTED_STATUS', `${where} answered with unexpected status ${status}`, { transient: false });
}

/** Error codes of a failed connection, from Node's sockets and from undici. */
const CONNECTION_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN',
  'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_DESTROYED', 'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** The codes along an error's cause chain, outermost first (undici and AggregateError wrap the socket's error). */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const { code, cause, errors } = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') codes.push(code);
    queue.push(cause);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return codes;
}

export interface TransportContext {
  timeoutMs: number;
  /** The caller's time limit fired. */
  timedOut: boolean;
  /** The caller is stopping (for a node: the engine's signal). */
  cancelled: boolean;
}

/**
 * The failure for a request that never produced a complete response. An HttpFailure raised on the way
 * (the outgoing policy refusing, an OAuth2 token endpoint failing while a credential was applied) is
 * already classified and comes back unchanged.
 */
export function transportFailure(target: RequestTarget, error: unknown, context: TransportContext): HttpFailure {
  if (error instanceof HttpFailure) return error;
  const where = describeTarget(target);
  const detail = error instanceof Error ? error.message : String(error);
  if (context.cancelled) {
    // Not the request's fault: transient, so it is tried again when the caller runs next.
    return new HttpFailure('HTTP_CANCELLED', `${where} was cancelled because the engine is stopping`, { transient: true, cause: error });
  }
  const codes = errorCodes(error);
  if (context.timedOut || codes.some((code) => TIMEOUT_CODES.has(code))) {
    return new HttpFailure('HTTP_TIMEOUT', `${where} timed out after ${context.timeoutMs} ms without a complete response`, { transient: true, cause: error });
  }
  const connectionCode = codes.find((code) => CONNECTION_CODES.has(code));
  if (connectionCode !== undefined) {
    return new HttpFailure('HTTP_CONNECTION', `${where} failed: connection error ${connectionCode} (${detail})`, { transient: true, cause: error });
  }
  if (codes.includes('UND_ERR_INVALID_ARG') || codes.includes('ERR_INVALID_CHAR') || codes.includes('ERR_INVALID_HTTP_TOKEN')) {
    return new HttpFailure('HTTP_BAD_REQUEST', `${where} could not be sent: ${detail}; check the node's headers and body`, { transient: false, cause: error });
  }
  // An HTTP parser error or anything unforeseen from the network stack: most likely a flaky peer,
  // and a retry is cheap because every attempt carries the same Idempotency-Key.
  return new HttpFailure('HTTP_CONNECTION', `${where} failed: ${detail}`, { transient: true, cause: error });
}
