// The one way Pipewright sends an HTTP request out (DESIGN.md §11): http.request nodes, OAuth2 token
// fetches and credential tests all call `sendRequest`, so connection pooling, body limits and the
// outgoing policy live in one place instead of one copy per caller.
//
// Redirects: none are followed; a 3xx comes back to the caller like any other status (http.request
// fails it as HTTP_REDIRECT and names the Location, a credential test reports what the URL itself
// answered, a token endpoint's 3xx is a refusal). So a redirect to a private address never connects,
// and a credential never travels along to another host. If following is ever wanted, do it here,
// bounded: every hop's connection passes the SSRF check of ./agent.ts by construction, but the
// credential's host binding must be checked again per hop (the caller's authorizer does it).
//
// Memory: every body is read within the process's response budget (./response-budget.ts), reserved
// after the headers arrive (the Content-Length, else the most this caller accepts) and released once
// the body is read.
//
// Time limits and cancellation come from the caller's signal, which covers the whole exchange
// (connect, headers and body). Errors are the transport's own (undici's, the signal's reason) or
// ResponseTooLargeError: only the caller knows whether its signal fired for a time limit or a stop,
// so it classifies them (./classify.ts `transportFailure`).
import type { Dispatcher } from 'undici';
import { httpAgent } from './agent.js';
import { allowAllPolicy, type OutgoingPolicy } from './policy.js';
import { responseBudget } from './response-budget.js';
import { MAX_RESPONSE_BYTES, readBody } from './response.js';

/** How much of a non-2xx body is kept by default: enough for an excerpt in a message, no more. */
export const ERROR_BODY_BYTES = 64 * 1024;

export interface BodyLimits {
  /** Most bytes of a 2xx body (default MAX_RESPONSE_BYTES); past it ResponseTooLargeError is thrown… */
  maxBytes?: number;
  /** …unless `truncate`, which keeps the first `maxBytes` and drops the rest unread. */
  truncate?: boolean;
  /** Most bytes kept of any other status's body (default ERROR_BODY_BYTES); always cut, never an error. */
  maxErrorBytes?: number;
}

export interface HttpRequest {
  /** Upper case: GET, POST, … */
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** Serialized body, or undefined for none. */
  body?: string;
  /** Aborts the whole exchange (the caller's time limit, the engine stopping). */
  signal: AbortSignal;
  limits?: BodyLimits;
  /**
   * Consulted before anything is sent (./policy.ts); the SSRF address check is not here but on every
   * connection (./agent.ts).
   */
  policy?: OutgoingPolicy;
}

export interface HttpResponse {
  status: number;
  /** As received: lower-case names, repeated headers as arrays (./response.ts normalizes them). */
  headers: Record<string, string | string[] | undefined>;
  /** The body read within the limits. */
  body: Buffer;
}

export async function sendRequest(outgoing: HttpRequest): Promise<HttpResponse> {
  const { method, url, headers, body, signal, limits = {}, policy = allowAllPolicy } = outgoing;
  await policy.check({ method, url });
  // Before sending: a misconfigured budget must fail the request before its side effect, not after.
  const budget = responseBudget();
  // undici is imported with the first request (see ./agent.ts), then cached by the module loader.
  const [{ request }, dispatcher] = await Promise.all([import('undici'), httpAgent()]);
  const response = await request(url, {
    method: method as Dispatcher.HttpMethod,
    headers,
    ...(body === undefined ? {} : { body }),
    dispatcher,
    signal,
  });
  const succeeded = response.statusCode >= 200 && response.statusCode < 300;
  const read = succeeded
    ? { limitBytes: limits.maxBytes ?? MAX_RESPONSE_BYTES, truncate: limits.truncate ?? false }
    : { limitBytes: limits.maxErrorBytes ?? ERROR_BODY_BYTES, truncate: true };
  let release: () => void;
  try {
    release = await budget.reserve(reservation(response.headers['content-length'], read.limitBytes), signal);
  } catch (error) {
    response.body.destroy();
    throw error;
  }
  try {
    const bytes = await readBody(response.body, read);
    return { status: response.statusCode, headers: response.headers, body: bytes };
  } finally {
    release();
  }
}

/**
 * What to reserve for a body: its Content-Length when the server sent one (a longer body fails in
 * undici as a length mismatch), else the most that will be read.
 */
function reservation(contentLength: string | string[] | undefined, limitBytes: number): number {
  const declared = Number(Array.isArray(contentLength) ? contentLength[0] : contentLength);
  return contentLength !== undefined && Number.isSafeInteger(declared) && declared >= 0 ? Math.min(declared, limitBytes) : limitBytes;
}
