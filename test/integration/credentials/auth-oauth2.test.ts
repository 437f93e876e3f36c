// The OAuth2 client-credentials authorizer against a real token endpoint on 127.0.0.1: how it asks
// for a token, caches, shares and refreshes it, drops it after a 401, and how it fails when the
// endpoint refuses or is down — never quoting the client secret or a token.
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialDefinition } from '../../../shared/credentials/definition.js';
import { closeHttpAgent, HttpFailure } from '../../../main/http/index.js';
import { createCredentialProvider } from '../../../main/credentials/provider.js';
import { REDACTED, type OutgoingRequest } from '../../../main/credentials/types.js';
import { secretValue, startAuthServer, type AuthServer } from './auth-server.js';
import { memoryVault } from './memory-vault.js';

const clientSecret = secretValue('client_secret');
let server: AuthServer;

beforeAll(async () => {
  server = await startAuthServer({
    apiKey: secretValue('k'), basic: { username: 'u', password: secretValue('p') }, bearer: secretValue('b'),
    oauth: { clientId: 'pipewright-client', clientSecret },
  });
});

afterEach(() => {
  server.tokens.length = 0;
  server.tokenAnswers.length = 0;
  server.lifetimeSeconds = 3600;
});

afterAll(async () => {
  await closeHttpAgent();
  await server?.close();
});

function oauth(fields: Partial<Extract<CredentialDefinition, { type: 'oauth2ClientCredentials' }>['fields']> = {}, secret = clientSecret) {
  const definition: CredentialDefinition = {
    name: 'erp-oauth', type: 'oauth2ClientCredentials', fields: { tokenUrl: server.tokenUrl, clientId: 'pipewright-client', ...fields },
  };
  return createCredentialProvider(memoryVault([{ definition, secret }]));
}

const request = (): OutgoingRequest => ({ url: new URL(`${server.url}/api/oauth/1`), headers: {} });

async function applied(provider: ReturnType<typeof oauth>): Promise<string | undefined> {
  const r = request();
  await (await provider.authorizer('erp-oauth')).apply(r);
  return r.headers.authorization;
}

// The credentials layer raises neutral HttpFailures (it may not import the engine); the engine wraps
// them in NodeErrors with the same code and verdict (test/integration/http-request/credentials.test.ts).
async function refusal(promise: Promise<unknown>): Promise<HttpFailure> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(HttpFailure);
    return error as HttpFailure;
  }
  throw new Error('expected a failure');
}

describe('OAuth2 client credentials', () => {
  it('asks for a token with HTTP basic client auth, scope and audience, and sends it as a bearer token', async () => {
    const provider = oauth({ scope: 'orders:write', audience: 'https://erp.example' });
    expect(await applied(provider)).toBe(`Bearer ${server.tokens[0]!.value}`);
    expect(server.tokens[0]).toMatchObject({ clientAuth: 'basic', form: { grant_type: 'client_credentials', scope: 'orders:write', audience: 'https://erp.example' } });
    expect(server.tokens[0]!.form).not.toHaveProperty('client_secret');
  });

  it('can send the client id and secret in the form instead', async () => {
    const provider = oauth({ clientAuth: 'body' });
    await applied(provider);
    expect(server.tokens[0]).toMatchObject({ clientAuth: 'body', form: { grant_type: 'client_credentials', client_id: 'pipewright-client', client_secret: clientSecret } });
  });

  it('reuses the cached token, and concurrent messages share one fetch', async () => {
    const provider = oauth();
    const headers = await Promise.all(Array.from({ length: 12 }, () => applied(provider)));
    expect(server.tokens).toHaveLength(1);
    expect(new Set(headers).size).toBe(1);
    await applied(provider);
    expect(server.tokens).toHaveLength(1);
  });

  it('refreshes a short-lived token shortly before it expires', async () => {
    server.lifetimeSeconds = 2;
    const provider = oauth();
    const first = await applied(provider);
    await sleep(1000);
    expect(await applied(provider)).toBe(first);
    expect(server.tokens).toHaveLength(1);
    await sleep(850); // Past 90 % of its lifetime: not sent any more, though still valid for a moment.
    const second = await applied(provider);
    expect(server.tokens).toHaveLength(2);
    expect(second).toBe(`Bearer ${server.tokens[1]!.value}`);
    expect(server.tokens[0]!.expiresAt).toBeGreaterThan(server.tokens[1]!.issuedAt);
  });

  it('drops the token after a 401 and asks for a retry, which fetches a new one', async () => {
    const provider = oauth();
    const first = await applied(provider);
    expect((await provider.authorizer('erp-oauth')).invalidate()).toBe(true);
    const second = await applied(provider);
    expect(server.tokens).toHaveLength(2);
    expect(second).not.toBe(first);
  });

  it('registers every token it fetched, and the basic client-auth header, with the redactor', async () => {
    const provider = oauth();
    await applied(provider);
    const token = server.tokens[0]!.value;
    const clientAuth = Buffer.from(`pipewright-client:${clientSecret}`).toString('base64');
    expect(provider.redactor.redact(`${token} ${clientSecret} ${clientAuth}`)).toBe(`${REDACTED} ${REDACTED} ${REDACTED}`);
  });

  it('fails for good with a clear message when the endpoint refuses the client, without the secret', async () => {
    const provider = oauth({}, 'not-the-right-secret');
    const error = await refusal(applied(provider));
    expect(error).toMatchObject({ code: 'OAUTH2_TOKEN_REJECTED', transient: false });
    expect(error.message).toContain('credential "erp-oauth"');
    expect(error.message).toContain('401 invalid_client: Client authentication failed');
    expect(error.message).toContain('pipewright credentials set erp-oauth');
    expect(error.message).not.toContain('not-the-right-secret');
    // Remembered for a while: a batch of messages does not hammer the endpoint.
    const again = await refusal(applied(provider));
    expect(again.code).toBe('OAUTH2_TOKEN_REJECTED');
    expect(server.tokens).toHaveLength(0);
  });

  it('fails transiently when the endpoint has a server error, and tries again next time', async () => {
    server.tokenAnswers.push({ status: 503, body: { error: 'temporarily_unavailable' } });
    const provider = oauth();
    const error = await refusal(applied(provider));
    expect(error).toMatchObject({ code: 'OAUTH2_TOKEN_UNAVAILABLE', transient: true });
    expect(error.message).toContain('503 temporarily_unavailable');
    expect(await applied(provider)).toBe(`Bearer ${server.tokens[0]!.value}`);
  });

  it('fails transiently when the endpoint cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const provider = oauth({ tokenUrl: `http://127.0.0.1:${port}/oauth/token` });
    const error = await refusal(applied(provider));
    expect(error).toMatchObject({ code: 'OAUTH2_TOKEN_UNAVAILABLE', transient: true });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('fails for good when the endpoint answers 200 without a token', async () => {
    server.tokenAnswers.push({ status: 200, body: { hello: 'world' } });
    const error = await refusal(applied(oauth()));
    expect(error).toMatchObject({ code: 'OAUTH2_BAD_TOKEN_RESPONSE', transient: false });
    expect(error.message).toContain('without an access_token');
  });
});
