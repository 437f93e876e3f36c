// One OAuth2 client-credentials token request (RFC 6749 §4.4): POST a form with
// `grant_type=client_credentials` (+ scope, audience) to the token URL, the client authenticated by an
// HTTP basic header (default) or by `client_id`/`client_secret` in the form, and read `access_token`,
// `token_type` and `expires_in` from the JSON answer. Sent through main/http, the one outgoing client.
// Failures are HttpFailures a dead letter can explain (the engine wraps them in NodeErrors): transient
// when the endpoint is down or slow (5xx, 429, 408, time-out, connection), permanent when it refuses
// the client or answers nonsense. No message ever quotes the secret or a token.
import type { CredentialFields } from '../../../shared/credentials/definition.js';
import { decodeText, describeTarget, errorCodes, excerpt, headerValue, HttpFailure, sendRequest } from '../../http/index.js';

export interface FetchedToken {
  accessToken: string;
  /** `Bearer` unless the endpoint says otherwise. */
  tokenType: string;
  /** Lifetime from `expires_in`, or undefined when the endpoint gave none. */
  lifetimeMs?: number;
}

export interface TokenRequest {
  credential: string;
  fields: CredentialFields<'oauth2ClientCredentials'>;
  clientSecret: string;
  timeoutMs: number;
}

/** Token answers are small; anything bigger is not a token answer. */
const TOKEN_BODY_BYTES = 256 * 1024;

/** `application/x-www-form-urlencoded` encoding of one value, as RFC 6749 §2.3.1 asks for basic client auth. */
const formEncode = (value: string): string => new URLSearchParams({ v: value }).toString().slice(2);

/** The basic client-auth header value, so the caller can register it with the redactor. */
export function clientAuthHeader(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`, 'utf8').toString('base64')}`;
}

export async function requestToken({ credential, fields, clientSecret, timeoutMs }: TokenRequest): Promise<FetchedToken> {
  const url = new URL(fields.tokenUrl);
  const where = `the OAuth2 token endpoint of credential "${credential}" (${describeTarget({ method: 'POST', url })})`;
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (fields.scope !== undefined && fields.scope !== '') form.set('scope', fields.scope);
  if (fields.audience !== undefined && fields.audience !== '') form.set('audience', fields.audience);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (fields.clientAuth === 'body') {
    form.set('client_id', fields.clientId);
    form.set('client_secret', clientSecret);
  } else headers.authorization = clientAuthHeader(fields.clientId, clientSecret);

  let status: number;
  let text: string;
  try {
    const response = await sendRequest({
      method: 'POST', url, headers, body: form.toString(), signal: AbortSignal.timeout(timeoutMs),
      // Cut, not failed, whatever the status: a cut answer is no token answer, and parseToken says so.
      limits: { maxBytes: TOKEN_BODY_BYTES, truncate: true, maxErrorBytes: TOKEN_BODY_BYTES },
    });
    status = response.status;
    text = decodeText(response.body, headerValue(response.headers, 'content-type'));
  } catch (error) {
    // Already classified (the outgoing policy refusing the token URL): keep its wording and verdict.
    if (error instanceof HttpFailure) throw error;
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    const detail = timedOut ? `no answer within ${timeoutMs} ms` : connectionDetail(error);
    throw new HttpFailure('OAUTH2_TOKEN_UNAVAILABLE', `${where} could not be reached: ${detail}; will retry`, { transient: true });
  }

  if (status === 200) return parseToken(text, where);
  const said = oauthError(text);
  if (status >= 500 || status === 429 || status === 408) {
    throw new HttpFailure('OAUTH2_TOKEN_UNAVAILABLE', `${where} failed with ${status}${said}; will retry`, { transient: true });
  }
  const hint = status === 400 || status === 401 || status === 403
    ? `check the client id "${fields.clientId}", the client secret (\`pipewright credentials set ${credential}\`)${fields.scope === undefined ? '' : ', the scope'} and the token URL`
    : 'check the token URL';
  throw new HttpFailure('OAUTH2_TOKEN_REJECTED', `${where} refused to issue a token (${status}${said}); ${hint}`, { transient: false });
}

function parseToken(text: string, where: string): FetchedToken {
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new HttpFailure('OAUTH2_BAD_TOKEN_RESPONSE', `${where} answered 200 but not with JSON; is the token URL right?`, { transient: false });
  }
  const { access_token: accessToken, token_type: tokenType, expires_in: expiresIn } = (body ?? {}) as Record<string, unknown>;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new HttpFailure('OAUTH2_BAD_TOKEN_RESPONSE', `${where} answered 200 without an access_token; is the token URL right?`, { transient: false });
  }
  const token: FetchedToken = { accessToken, tokenType: bearerCase(typeof tokenType === 'string' && tokenType !== '' ? tokenType : 'Bearer') };
  const seconds = typeof expiresIn === 'number' ? expiresIn : typeof expiresIn === 'string' ? Number(expiresIn) : Number.NaN;
  if (Number.isFinite(seconds) && seconds > 0) token.lifetimeMs = seconds * 1000;
  return token;
}

/** Many endpoints answer `token_type: "bearer"`; the scheme is case-insensitive but some APIs are not. */
function bearerCase(tokenType: string): string {
  return tokenType.toLowerCase() === 'bearer' ? 'Bearer' : tokenType;
}

/** ` invalid_client: Client authentication failed` from an RFC 6749 §5.2 error body, else a short excerpt. */
function oauthError(text: string): string {
  try {
    const { error, error_description: description } = JSON.parse(text) as Record<string, unknown>;
    if (typeof error === 'string') return ` ${excerpt(error, 100)}${typeof description === 'string' ? `: ${excerpt(description)}` : ''}`;
  } catch {
    // Not JSON: fall through to the excerpt.
  }
  const said = excerpt(text);
  return said === '' ? '' : `: ${said}`;
}

function connectionDetail(error: unknown): string {
  const [code] = errorCodes(error);
  const message = error instanceof Error ? error.message : String(error);
  return code !== undefined ? `connection error ${code} (${message})` : message;
}
