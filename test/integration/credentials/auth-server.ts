// A real API on 127.0.0.1 that insists on credentials, for the credential tests: one route per
// credential type (`/api/<type>/<id>`), each answering 401 unless the request carries exactly the
// expected secret, and an OAuth2 token endpoint (`/oauth/token`) issuing short-lived tokens that the
// `/api/oauth` route refuses once expired. A 200 echoes the credential it saw, so the tests can check
// that a response repeating a secret is stored redacted.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CredentialDefinition } from '../../../shared/credentials/definition.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';

export interface AuthServerSecrets {
  apiKey: string;
  basic: { username: string; password: string };
  bearer: string;
  oauth: { clientId: string; clientSecret: string; scope?: string };
}

export interface IssuedToken {
  value: string;
  issuedAt: number;
  expiresAt: number;
  /** How the client authenticated: `basic` header or `body` form fields. */
  clientAuth: 'basic' | 'body';
  form: Record<string, string>;
}

export interface ApiRequest {
  type: string;
  id: string;
  status: number;
  /** The bearer token presented on /api/oauth. */
  token?: string;
  idempotencyKey?: string;
}

export interface AuthServer {
  url: string;
  tokenUrl: string;
  readonly tokens: IssuedToken[];
  readonly requests: ApiRequest[];
  /** Token lifetime in seconds for tokens issued from now on. */
  lifetimeSeconds: number;
  /** Milliseconds every API answer waits (to stretch a run past a token's lifetime). */
  apiDelayMs: number;
  /** The next token issued is refused by the API from the start, as if revoked right away. */
  revokeNextToken: boolean;
  /** Answers the token endpoint gives before issuing tokens again (consumed in order). */
  readonly tokenAnswers: Array<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export const API_KEY_HEADER = 'x-api-key';
export const API_KEY_PREFIX = 'Key ';
export const API_KEY_QUERY = 'api_key';

export function secretValue(label: string): string {
  return `${label}_${randomBytes(12).toString('hex')}`;
}

export async function startAuthServer(secrets: AuthServerSecrets, options: { lifetimeSeconds?: number } = {}): Promise<AuthServer> {
  const tokens: IssuedToken[] = [];
  const requests: ApiRequest[] = [];
  const tokenAnswers: Array<{ status: number; body: unknown }> = [];
  const forcedOnce = new Set<string>();
  const revoked = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const basicHeader = `Basic ${Buffer.from(`${secrets.basic.username}:${secrets.basic.password}`).toString('base64')}`;

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };

  const issueToken = (req: IncomingMessage, res: ServerResponse, raw: string): void => {
    if (tokenAnswers.length > 0) {
      const answer = tokenAnswers.shift() as { status: number; body: unknown };
      json(res, answer.status, answer.body);
      return;
    }
    const form = Object.fromEntries(new URLSearchParams(raw));
    let clientAuth: 'basic' | 'body';
    let id: string | undefined;
    let secret: string | undefined;
    const authorization = req.headers.authorization;
    if (authorization?.startsWith('Basic ')) {
      clientAuth = 'basic';
      const [user, pass] = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':');
      const decode = (v: string | undefined): string | undefined => (v === undefined ? undefined : decodeURIComponent(v.replaceAll('+', ' ')));
      id = decode(user);
      secret = decode(pass);
    } else {
      clientAuth = 'body';
      id = form.client_id;
      secret = form.client_secret;
    }
    if (form.grant_type !== 'client_credentials') {
      json(res, 400, { error: 'unsupported_grant_type' });
      return;
    }
    if (id !== secrets.oauth.clientId || secret !== secrets.oauth.clientSecret) {
      json(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      return;
    }
    const now = Date.now();
    const token: IssuedToken = {
      value: `at_${tokens.length + 1}_${randomBytes(16).toString('hex')}`, issuedAt: now, expiresAt: now + server.lifetimeSeconds * 1000, clientAuth, form,
    };
    tokens.push(token);
    if (server.revokeNextToken) {
      revoked.add(token.value);
      server.revokeNextToken = false;
    }
    json(res, 200, { access_token: token.value, token_type: 'bearer', expires_in: server.lifetimeSeconds, ...(secrets.oauth.scope ? { scope: secrets.oauth.scope } : {}) });
  };

  /** The 401 reason, or undefined when the request carries the expected credential. */
  const refusal = (type: string, req: IncomingMessage, url: URL, record: ApiRequest, body: unknown): string | undefined => {
    const authorization = req.headers.authorization;
    switch (type) {
      case 'apikey-header':
        return req.headers[API_KEY_HEADER] === `${API_KEY_PREFIX}${secrets.apiKey}` ? undefined : 'bad api key header';
      case 'apikey-query':
        return url.searchParams.get(API_KEY_QUERY) === secrets.apiKey ? undefined : 'bad api key parameter';
      case 'basic':
        return authorization === basicHeader ? undefined : 'bad basic credentials';
      case 'bearer':
        return authorization === `Bearer ${secrets.bearer}` ? undefined : 'bad bearer token';
      case 'oauth': {
        const value = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
        if (value !== undefined) record.token = value;
        const token = tokens.find((t) => t.value === value);
        if (!token) return 'unknown token';
        if (Date.now() >= token.expiresAt) return 'token expired';
        if (revoked.has(token.value)) return 'token revoked';
        const force = (body as { force401?: unknown } | undefined)?.force401 === true;
        if (force && record.idempotencyKey !== undefined && !forcedOnce.has(record.idempotencyKey)) {
          forcedOnce.add(record.idempotencyKey);
          return 'token revoked';
        }
        return undefined;
      }
      default:
        return 'unknown route';
    }
  };

  const serveApi = (req: IncomingMessage, res: ServerResponse, url: URL, raw: string): void => {
    const [, , type = '', id = ''] = url.pathname.split('/');
    const key = req.headers['idempotency-key'];
    const record: ApiRequest = { type, id, status: 0, ...(typeof key === 'string' ? { idempotencyKey: key } : {}) };
    requests.push(record);
    let body: unknown;
    try {
      body = raw === '' ? undefined : (JSON.parse(raw) as unknown);
    } catch {
      body = raw;
    }
    const reason = refusal(type, req, url, record, body);
    record.status = reason === undefined ? 200 : 401;
    const answer = (): void => {
      if (reason !== undefined) json(res, 401, { error: 'invalid_token', error_description: reason }, { 'www-authenticate': 'Bearer error="invalid_token"' });
      // Echo what authenticated the request: a careless API does exactly this.
      else json(res, 200, { ok: true, type, id, echo: { authorization: req.headers.authorization ?? null, apiKey: req.headers[API_KEY_HEADER] ?? null, url: req.url } });
    };
    if (server.apiDelayMs <= 0) answer();
    else {
      const timer = setTimeout(() => { timers.delete(timer); answer(); }, server.apiDelayMs);
      timers.add(timer);
    }
  };

  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'POST' && url.pathname === '/oauth/token') issueToken(req, res, raw);
      else if (url.pathname.startsWith('/api/')) serveApi(req, res, url, raw);
      else json(res, 404, { error: 'not found' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const server: AuthServer = {
    url: base,
    tokenUrl: `${base}/oauth/token`,
    tokens,
    requests,
    lifetimeSeconds: options.lifetimeSeconds ?? 3600,
    apiDelayMs: 0,
    revokeNextToken: false,
    tokenAnswers,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      const closed = new Promise<void>((resolve, reject) => http.close((error) => (error ? reject(error) : resolve())));
      http.closeAllConnections();
      await closed;
    },
  };
  return server;
}

/** Fresh secrets for every credential type the server checks. */
export function testSecrets(): AuthServerSecrets & { oauth: { scope: string } } {
  return {
    apiKey: secretValue('api_key'),
    basic: { username: 'erp-user', password: secretValue('basic_password') },
    bearer: secretValue('bearer_token'),
    oauth: { clientId: 'pipewright-client', clientSecret: secretValue('client_secret'), scope: 'orders:write' },
  };
}

/** The API routes, named like the credentials that open them (see `credentialsFor`). */
export const CREDENTIAL_ROUTES = ['apikey-header', 'apikey-query', 'basic', 'bearer', 'oauth'] as const;

/** One working credential per route of `server`, named like the route. */
export function credentialsFor(server: AuthServer, secrets: AuthServerSecrets): Array<{ definition: CredentialDefinition; secret: string }> {
  return [
    { definition: { name: 'apikey-header', type: 'apiKey', fields: { in: 'header', name: API_KEY_HEADER, prefix: API_KEY_PREFIX } }, secret: secrets.apiKey },
    { definition: { name: 'apikey-query', type: 'apiKey', fields: { in: 'query', name: API_KEY_QUERY } }, secret: secrets.apiKey },
    { definition: { name: 'basic', type: 'basic', fields: { username: secrets.basic.username } }, secret: secrets.basic.password },
    { definition: { name: 'bearer', type: 'bearer', fields: {} }, secret: secrets.bearer },
    {
      definition: { name: 'oauth', type: 'oauth2ClientCredentials', fields: { tokenUrl: server.tokenUrl, clientId: secrets.oauth.clientId, ...(secrets.oauth.scope ? { scope: secrets.oauth.scope } : {}) } },
      secret: secrets.oauth.clientSecret,
    },
  ];
}

/** Every value that must never be stored or shown: the secrets, the headers made from them, every token issued. */
export function sensitiveValues(server: AuthServer, secrets: AuthServerSecrets, extra: string[] = []): string[] {
  return [
    secrets.apiKey, secrets.basic.password, secrets.bearer, secrets.oauth.clientSecret, ...extra,
    Buffer.from(`${secrets.basic.username}:${secrets.basic.password}`).toString('base64'),
    Buffer.from(`${secrets.oauth.clientId}:${secrets.oauth.clientSecret}`).toString('base64'),
    ...server.tokens.map((t) => t.value),
  ];
}

/** `label contains at_1_3f…` for each sensitive value found in `text`. */
export function leaksIn(values: string[], label: string, text: string): string[] {
  return values.filter((value) => text.includes(value)).map((value) => `${label} contains ${value.slice(0, 12)}…`);
}

/**
 * A flow with one http.request per route, each naming the credential of that name, and an output.log
 * after the OAuth2 call that logs the Authorization header the API echoed (which must show redacted).
 */
export function credentialFlow(id: string, url: string): FlowDocument {
  return {
    format: 'pipewright/flow@1', id, name: 'One API call per credential type',
    nodes: [
      { id: 'orders', type: 'trigger.manual', position: [0, 0], config: {} },
      ...CREDENTIAL_ROUTES.map((route) => ({
        id: route, type: 'http.request', position: [300, 0] as [number, number],
        config: { method: 'POST', url: `${url}/api/${route}/{{ id }}`, credential: route, concurrency: route === 'oauth' ? 1 : 4 },
        retry: { maxAttempts: 3, backoffMs: 20, maxBackoffMs: 50 },
      })),
      { id: 'audit', type: 'output.log', position: [600, 0], config: { expression: 'echo.authorization' } },
    ],
    edges: [...CREDENTIAL_ROUTES.map((route) => ({ from: 'orders', to: route })), { from: 'oauth', to: 'audit' }],
  };
}
