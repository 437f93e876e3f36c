// OAuth2 client credentials: fetches an access token, caches it and sends `Authorization: Bearer …`.
// - One fetch at a time (single flight): every message waiting for a token shares it.
// - Refreshed before it expires, early by 10 % of its lifetime or 30 s, whichever is smaller: a
//   request never leaves with a token about to expire on its way (or by the server's clock), and a
//   token living one second is still used for 900 ms.
// - `invalidate` after a 401 drops the token and says "retry once": the API may have revoked it
//   (http.request asks only while the token it sent is still the current one).
// - A refused client (invalid_client, …) is remembered for a few seconds, so a batch of messages does
//   not hammer the endpoint (which may lock the client out) with requests bound to fail the same way.
import type { CredentialFields } from '../../../shared/credentials/definition.js';
import { HttpFailure } from '../../http/index.js';
import type { Authorizer, OutgoingRequest, Redactor } from '../types.js';
import { clientAuthHeader, requestToken, type FetchedToken } from './token-endpoint.js';

export interface OAuth2Options {
  /** Time limit of one token request. */
  timeoutMs?: number;
  /** How long a permanent refusal is answered from memory. */
  refusalMemoryMs?: number;
  /** Cache lifetime of a token the endpoint gave without `expires_in` (it may still end with a 401). */
  defaultLifetimeMs?: number;
}

const DEFAULTS = { timeoutMs: 30_000, refusalMemoryMs: 10_000, defaultLifetimeMs: 3_600_000 };
const MAX_REFRESH_MARGIN_MS = 30_000;
/** Tokens kept in the redactor per credential; older ones expired long ago. */
const REDACTED_TOKENS_KEPT = 16;

interface CachedToken {
  header: string;
  /** From here on the token counts as expired and a new one is fetched. */
  refreshAt: number;
}

export function oauth2Authorizer(
  credential: string,
  fields: CredentialFields<'oauth2ClientCredentials'>,
  clientSecret: string,
  redactor: Redactor & { remove?(value: string): void },
  options: OAuth2Options = {},
): Authorizer {
  const settings = { ...DEFAULTS, ...options };
  if (fields.clientAuth !== 'body') redactor.add(clientAuthHeader(fields.clientId, clientSecret).slice('Basic '.length));
  let current: CachedToken | undefined;
  let pending: Promise<CachedToken> | undefined;
  let refusal: { error: HttpFailure; until: number } | undefined;
  const registered: string[] = [];

  const remember = (token: FetchedToken, requestedAt: number): CachedToken => {
    redactor.add(token.accessToken);
    registered.push(token.accessToken);
    if (registered.length > REDACTED_TOKENS_KEPT) redactor.remove?.(registered.shift() as string);
    const lifetime = token.lifetimeMs ?? settings.defaultLifetimeMs;
    // Counted from before the request was sent: the endpoint's clock started no later than that.
    return { header: `${token.tokenType} ${token.accessToken}`, refreshAt: requestedAt + lifetime - Math.min(MAX_REFRESH_MARGIN_MS, lifetime / 10) };
  };

  const fetchToken = (): Promise<CachedToken> => {
    pending ??= (async () => {
      const requestedAt = Date.now();
      try {
        const token = remember(await requestToken({ credential, fields, clientSecret, timeoutMs: settings.timeoutMs }), requestedAt);
        current = token;
        refusal = undefined;
        return token;
      } catch (error) {
        if (error instanceof HttpFailure && !error.transient) refusal = { error, until: Date.now() + settings.refusalMemoryMs };
        throw error;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };

  const token = (signal?: AbortSignal): Promise<CachedToken> => {
    const now = Date.now();
    if (current && now < current.refreshAt) return Promise.resolve(current);
    if (refusal && now < refusal.until) return Promise.reject(refusal.error);
    return untilAborted(fetchToken(), signal);
  };

  return {
    async apply(request: OutgoingRequest, signal?: AbortSignal): Promise<void> {
      request.headers.authorization = (await token(signal)).header;
    },
    invalidate(): boolean {
      current = undefined;
      return true;
    },
  };
}

/** The shared fetch, but a waiter whose own signal aborts (its time limit, the engine stopping) leaves at once. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
