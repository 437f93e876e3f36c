// A webhook trigger's authentication (DESIGN.md §3 trigger.webhook, `auth` in its config): a shared
// token in a header, or an HMAC-SHA256 signature of the raw body (GitHub: hex after `sha256=`;
// Shopify: base64). The shared secret is the key of an `apiKey` credential or the token of a `bearer`
// credential: both are "a secret string a peer presents", which is what a webhook secret is; the other
// types (a password with a username, an OAuth2 client secret, a database password) are refused so a
// login is never reused as a webhook secret by accident.
//
// Comparisons take constant time (crypto.timingSafeEqual on buffers of equal length: a token is
// compared through its SHA-256, so its length leaks nothing). The secret is read through the host at
// most once per SECRET_TTL_MS, so a changed or deleted credential applies within that time without a
// keychain or file read per request. Neither the secret nor what the sender sent appears in an answer
// or a log line; a credential that cannot be used is the operator's problem: the sender gets 503, the
// server log gets the reason.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { CredentialDefinition } from '../../shared/credentials/definition.js';
import type { WebhookAuth } from '../../shared/catalog/kinds/trigger-webhook.js';
import { isPipewrightError, PipewrightError } from '../../shared/errors.js';

/** How long a credential's secret is kept in memory before it is read again. */
export const SECRET_TTL_MS = 5_000;

/** How long a credential that could not be used is not asked again. */
const FAILURE_TTL_MS = 1_000;

/** Credential types whose secret may serve as a webhook's shared secret. */
const SHARED_SECRET_TYPES: ReadonlySet<CredentialDefinition['type']> = new Set(['apiKey', 'bearer']);

export type CredentialLookup = (name: string) => Promise<{ definition: CredentialDefinition; secret: string }>;

export type AuthOutcome =
  | { ok: true }
  /** The sender's fault: 401 with `message`. */
  | { ok: false; status: 401; message: string }
  /** The server's configuration: 503 to the sender, `reason` (no secret in it) to the server log. */
  | { ok: false; status: 503; reason: string };

interface Secret {
  /** HMAC key. */
  raw: Buffer;
  /** SHA-256 of the secret, what a token is compared with. */
  digest: Buffer;
  readAt: number;
}

export class WebhookAuthenticator {
  private secret: Secret | undefined;
  private reading: Promise<Secret> | undefined;
  private failure: { error: unknown; at: number } | undefined;
  private readonly header: string;

  constructor(private readonly auth: WebhookAuth, private readonly lookup: CredentialLookup | undefined) {
    this.header = auth.header.toLowerCase();
  }

  async check(headers: IncomingHttpHeaders, body: Buffer): Promise<AuthOutcome> {
    const sent = headers[this.header];
    if (typeof sent !== 'string' || sent === '') {
      return { ok: false, status: 401, message: `send the ${this.auth.type === 'token' ? 'token' : 'signature'} in one ${this.auth.header} header` };
    }
    let secret: Secret;
    try {
      secret = await this.currentSecret();
    } catch (error) {
      return { ok: false, status: 503, reason: isPipewrightError(error) ? error.message : `credential "${this.auth.credential}" could not be read` };
    }
    return this.auth.type === 'token' ? checkToken(this.auth.header, sent, secret) : checkSignature(this.auth, sent, body, secret);
  }

  private async currentSecret(): Promise<Secret> {
    const known = this.secret;
    if (known && Date.now() - known.readAt < SECRET_TTL_MS) return known;
    // A failed read is kept a moment too: senders retrying must not cost a secret-store read each.
    if (this.failure && Date.now() - this.failure.at < FAILURE_TTL_MS) throw this.failure.error;
    this.reading ??= this.readSecret()
      .catch((error: unknown) => {
        this.failure = { error, at: Date.now() };
        throw error;
      })
      .finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async readSecret(): Promise<Secret> {
    const name = this.auth.credential;
    if (!this.lookup) throw new PipewrightError('CREDENTIALS_UNAVAILABLE', `this host gives webhooks no credentials, so credential "${name}" cannot be checked`);
    // Dropped before the read: a credential deleted or changed to another type fails closed.
    this.secret = undefined;
    const { definition, secret } = await this.lookup(name);
    if (!SHARED_SECRET_TYPES.has(definition.type)) {
      throw new PipewrightError('CREDENTIAL_WRONG_TYPE', `credential "${name}" is a ${definition.type} credential; webhook authentication takes the key of an apiKey credential or the token of a bearer credential`);
    }
    this.failure = undefined;
    const raw = Buffer.from(secret, 'utf8');
    this.secret = { raw, digest: createHash('sha256').update(raw).digest(), readAt: Date.now() };
    return this.secret;
  }
}

function checkToken(header: string, sent: string, secret: Secret): AuthOutcome {
  const given = createHash('sha256').update(sent, 'utf8').digest();
  return timingSafeEqual(given, secret.digest) ? { ok: true } : { ok: false, status: 401, message: `the ${header} header does not hold this webhook's token` };
}

function checkSignature(auth: Extract<WebhookAuth, { type: 'hmac' }>, sent: string, body: Buffer, secret: Secret): AuthOutcome {
  const refused = (why: string): AuthOutcome => ({ ok: false, status: 401, message: `the ${auth.header} header ${why}` });
  let text = sent.trim();
  if (auth.prefix !== undefined) {
    if (!text.startsWith(auth.prefix)) return refused(`must start with "${auth.prefix}"`);
    text = text.slice(auth.prefix.length);
  }
  const given = decodeDigest(text, auth.encoding);
  if (!given) return refused(`must hold an HMAC-SHA256 in ${auth.encoding === 'hex' ? '64 hex digits' : '44 base64 characters'}`);
  const expected = createHmac('sha256', secret.raw).update(body).digest();
  return timingSafeEqual(given, expected) ? { ok: true } : refused('does not match the body\'s HMAC-SHA256 under this webhook\'s secret');
}

/** The 32 bytes of a SHA-256 in `encoding`, or undefined when `text` is not exactly that (Buffer.from alone silently stops at bad input). */
function decodeDigest(text: string, encoding: 'hex' | 'base64'): Buffer | undefined {
  if (encoding === 'hex') return /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : undefined;
  return /^[A-Za-z0-9+/]{43}=?$/.test(text) ? Buffer.from(text, 'base64') : undefined;
}
