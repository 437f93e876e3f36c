// credentials.test: one request to a URL the user gives, with the credential applied by the same
// authorizer the http.request node uses, reported as ok/status/duration/message. Every failure is an
// answer, not an error (a wrong password is what the user wants to find out); every message passes
// through the redactor, which knows the secret and every header or query value the authorizer set.
// Sent through main/http, the one outgoing client, like the http.request node it stands in for.
// Two refusals are errors, not answers (DESIGN.md §11): a URL outside the credential's allowedHosts
// (CREDENTIAL_HOST_REFUSED, before anything is sent) and an address the server's SSRF policy refuses
// (HTTP_ADDRESS_REFUSED, before connecting) — otherwise the test would be a way to send a stored
// secret anywhere, or to scan the server's private network.
import { STATUS_CODES } from 'node:http';
import type { CredentialTestResult } from '../../shared/api/credentials.js';
import { isPipewrightError } from '../../shared/errors.js';
import type { CredentialProvider, CredentialVault, OutgoingRequest, Redactor } from '../credentials/types.js';
import { sendRequest } from '../http/index.js';

const TIMEOUT_MS = 15_000;
/** Enough of an error body to show why (an API's "invalid token" text), no more. */
const BODY_EXCERPT_BYTES = 2048;

/** Failures that are the caller's request refused, not something about the credential to report. */
const RAISED: ReadonlySet<string> = new Set(['CREDENTIAL_NOT_FOUND', 'CREDENTIAL_HOST_REFUSED', 'HTTP_ADDRESS_REFUSED']);

export interface CredentialTestRequest {
  name: string;
  url: string;
  method: 'GET' | 'HEAD' | 'POST';
}

export async function testCredential(vault: CredentialVault, provider: CredentialProvider, test: CredentialTestRequest): Promise<CredentialTestResult> {
  const { redactor } = provider;
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const signal = AbortSignal.timeout(TIMEOUT_MS);

  const outgoing: OutgoingRequest = { url: new URL(test.url), headers: {} };
  const queryBefore = new Set(outgoing.url.searchParams.keys());
  try {
    // Registered here too, so a message is clean even if an authorizer forgot to register it.
    redactor.add((await vault.resolve(test.name)).secret);
    // The provider is fresh (see CredentialAccess.testProvider): an OAuth2 token is fetched now, so a
    // refusal below is about the credential, not a stale token, and no retry is needed.
    await (await provider.authorizer(test.name)).apply(outgoing, signal);
  } catch (error) {
    if (isPipewrightError(error) && RAISED.has(error.code)) throw error;
    return { ok: false, durationMs: elapsed(), message: redactor.redact(`the credential could not be applied: ${messageOf(error)}`) };
  }
  protectApplied(outgoing, queryBefore, redactor);

  try {
    const answer = await send(outgoing, test.method, signal);
    const ok = answer.status >= 200 && answer.status < 300;
    const result: CredentialTestResult = { ok, status: answer.status, durationMs: elapsed() };
    if (!ok) result.message = redactor.redact(statusMessage(answer.status, answer.excerpt));
    return result;
  } catch (error) {
    if (isPipewrightError(error) && RAISED.has(error.code)) throw error;
    const reason = signal.aborted ? `no answer within ${TIMEOUT_MS / 1000} s` : messageOf(error);
    return { ok: false, durationMs: elapsed(), message: redactor.redact(`${outgoing.url.origin} could not be reached: ${reason}`) };
  }
}

/** The status and the start of the body as text; the rest is thrown away unread, whatever the status. */
async function send(outgoing: OutgoingRequest, method: string, signal: AbortSignal): Promise<{ status: number; excerpt: string }> {
  // The client follows no redirect: a test reports what the URL itself answered.
  const response = await sendRequest({
    method, url: outgoing.url, headers: outgoing.headers, signal,
    limits: { maxBytes: BODY_EXCERPT_BYTES, truncate: true, maxErrorBytes: BODY_EXCERPT_BYTES },
  });
  return { status: response.status, excerpt: response.body.toString('utf8') };
}

/** Header values and query values the authorizer added hold the secret or something derived from it. */
function protectApplied(outgoing: OutgoingRequest, queryBefore: ReadonlySet<string>, redactor: Redactor): void {
  for (const value of Object.values(outgoing.headers)) {
    redactor.add(value);
    // "Bearer abc" / "Basic abc": the part after the scheme is the sensitive bit on its own too.
    const token = /^\S+\s+(\S{4,})$/.exec(value)?.[1];
    if (token !== undefined) redactor.add(token);
  }
  for (const [key, value] of outgoing.url.searchParams) if (!queryBefore.has(key) && value !== '') redactor.add(value);
}

function statusMessage(status: number, excerpt: string): string {
  const reason = STATUS_CODES[status] ?? 'HTTP error';
  const hint = status === 401 ? ': the server refused the credential' : status === 403 ? ': the credential was accepted but is not allowed to do this' : '';
  const text = excerpt.replace(/\s+/g, ' ').trim().slice(0, 300);
  return `${status} ${reason}${hint}${text === '' ? '' : ` (${text})`}`;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error && cause.message !== '' && !error.message.includes(cause.message) ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
