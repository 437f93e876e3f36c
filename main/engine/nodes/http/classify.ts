// http.request's failures as the engine needs them: main/http classifies a status or a transport
// error into a neutral HttpFailure (code, message, transient, Retry-After), and this file wraps it in
// the NodeError the scheduler reads to choose between a retry and a dead letter.
import { statusFailure, transportFailure, type HttpFailure, type RequestTarget, type TransportContext } from '../../../http/index.js';
import { NodeError } from '../../errors.js';

export { describeTarget, type RequestTarget, type TransportContext } from '../../../http/index.js';

/** The same failure as a NodeError; the cause stays the transport's own error, as before the split. */
export function toNodeError(failure: HttpFailure): NodeError {
  return new NodeError(failure.code, failure.message, {
    transient: failure.transient,
    ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
    ...(failure.cause === undefined ? {} : { cause: failure.cause }),
  });
}

/** The error for a non-2xx status, or undefined when the status means success. */
export function statusError(
  target: RequestTarget,
  status: number,
  headers: Record<string, string | string[] | undefined>,
  bodyText: string,
): NodeError | undefined {
  const failure = statusFailure(target, status, headers, bodyText);
  return failure && toNodeError(failure);
}

/**
 * The error for a request that never produced a complete response, including an HttpFailure raised on
 * the way (an OAuth2 token endpoint down or refusing while the credential was applied).
 */
export function transportError(target: RequestTarget, error: unknown, context: TransportContext): NodeError {
  return toNodeError(transportFailure(target, error, context));
}
