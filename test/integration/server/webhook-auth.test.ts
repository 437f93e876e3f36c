// A webhook's authentication and back pressure on a real server stack (service, engine, SQLite,
// fastify on 127.0.0.1): a shared token or an HMAC-SHA256 of the raw body (hex with GitHub's
// `sha256=` prefix, Shopify's base64), the secret taken from a workspace credential (here from the
// environment secret store); a wrong or missing one is 401 and queues nothing; a trigger whose queue
// reached its bound (a small queueLimit, a downstream system that does not answer) answers 503 with
// Retry-After; `pipewright validate` names a bad `auth` by its path.
import { createHmac } from 'node:crypto';
import { createServer as createHttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument, FlowNode } from '../../../shared/flow/schema.js';
import { serializeFlow } from '../../../shared/flow/serialize.js';
import { createService, type Service } from '../../../main/api/index.js';
import { openCredentialVault } from '../../../main/credentials/open-vault.js';
import { createEventHub, createServer, openTokenStore, WebhookRoutes, type PipewrightServer } from '../../../main/server/index.js';
import { Workspace } from '../cli/cli-harness.js';

const TOKEN = 'hook-token-Zq81';
const SIGNING = 'signing-secret-7Pw';

/** A flow whose webhook `hook` feeds `after`. */
function hookFlow(id: string, config: Record<string, unknown>, after: Pick<FlowNode, 'type' | 'config'> = { type: 'output.log', config: {} }): FlowDocument {
  return {
    format: 'pipewright/flow@1', id, name: id,
    nodes: [
      { id: 'hook', type: 'trigger.webhook', position: [0, 0], config },
      { id: 'after', position: [200, 0], ...after },
    ],
    edges: [{ from: 'hook', to: 'after' }],
  };
}

/** Each message is held at an HTTP target that answers only when the test lets it: the backlog only grows. */
const boundedFlow = (target: string): FlowDocument => ({
  format: 'pipewright/flow@1', id: 'bounded', name: 'bounded',
  nodes: [
    { id: 'hook', type: 'trigger.webhook', position: [0, 0], config: {}, queueLimit: 3 },
    { id: 'slow', type: 'http.request', position: [200, 0], config: { method: 'POST', url: target, timeoutMs: 60_000, concurrency: 1 } },
  ],
  edges: [{ from: 'hook', to: 'slow' }],
});

/** The slow downstream system: holds every request until `release`, then answers at once. */
const held: ServerResponse[] = [];
let releasing = false;
const target = createHttpServer((request, response) => {
  request.resume();
  if (releasing) response.end('{}');
  else held.push(response);
});
function release(): void {
  releasing = true;
  for (const response of held.splice(0)) response.end('{}');
}

let dir: string;
let service: Service;
let server: PipewrightServer;
const serverLog: string[] = [];
const liveLog: string[] = [];

beforeAll(async () => {
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  dir = mkdtempSync(join(tmpdir(), 'pipewright-webhook-auth-'));
  mkdirSync(join(dir, 'flows'));
  const env = { PIPEWRIGHT_SECRET_STORE: 'environment', PIPEWRIGHT_SECRET_HOOK_TOKEN: TOKEN, PIPEWRIGHT_SECRET_SIGNING: SIGNING, PIPEWRIGHT_SECRET_DB: 'pg-password' };
  const vault = openCredentialVault(dir, env);
  await vault.save({ name: 'hook-token', type: 'bearer', fields: {} });
  await vault.save({ name: 'signing', type: 'apiKey', fields: { in: 'header', name: 'X-Key' } });
  await vault.save({ name: 'db', type: 'postgres', fields: { host: 'localhost', port: 5432, database: 'x', user: 'u' } });
  const flows = [
    hookFlow('token', { auth: { type: 'token', credential: 'hook-token' } }),
    hookFlow('github', { auth: { type: 'hmac', header: 'X-Hub-Signature-256', credential: 'signing', encoding: 'hex', prefix: 'sha256=' } }),
    hookFlow('shopify', { auth: { type: 'hmac', header: 'X-Shopify-Hmac-Sha256', credential: 'signing', encoding: 'base64' } }),
    hookFlow('wrongtype', { auth: { type: 'token', credential: 'db' } }),
    hookFlow('missing', { auth: { type: 'token', credential: 'nobody' } }),
    boundedFlow(`http://127.0.0.1:${(target.address() as AddressInfo).port}/orders`),
  ];
  for (const flow of flows) writeFileSync(join(dir, 'flows', `${flow.id}.flow.json`), serializeFlow(flow));
  const webhooks = new WebhookRoutes();
  const events = createEventHub();
  service = createService({ workspace: dir, credentials: vault, onEvent: events.publish, liveSources: { 'trigger.webhook': webhooks.source }, onLiveLog: (line) => liveLog.push(line) });
  const tokens = openTokenStore(dir);
  server = await createServer({ service, events, tokenStore: tokens.store, port: 0, webhooks, log: (line) => serverLog.push(line) });
  await service.startLiveFlows();
});

afterAll(async () => {
  release();
  await server.close();
  await service.close();
  target.closeAllConnections();
  await new Promise((resolve) => target.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  text: string;
  body: { messageId?: string; error?: { code: string; message: string } };
  headers: Headers;
}

async function post(flowId: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(new URL(`hooks/${flowId}/hook`, server.url), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  return { status: response.status, text, body: text === '' ? {} : (JSON.parse(text) as Answer['body']), headers: response.headers };
}

/** Messages the flow's live run received (queued), read through the API. */
async function received(flowId: string): Promise<number> {
  const runs = await service['runs.list']({ flowId, limit: 10 });
  return runs.filter((run) => run.kind === 'live').reduce((sum, run) => sum + run.counts.received, 0);
}

const hmac = (body: string, encoding: 'hex' | 'base64', secret = SIGNING): string => createHmac('sha256', secret).update(body).digest(encoding);

describe('webhook authentication', () => {
  it('takes a request with the shared token in X-Hook-Token, and refuses a wrong or missing one with 401, queueing nothing', async () => {
    expect(liveLog).toContain('flow "token" version 1 is live');
    const body = JSON.stringify({ id: 'T-1' });
    const missing = await post('token', body);
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/X-Hook-Token/) });
    const wrong = await post('token', body, { 'x-hook-token': `${TOKEN}x` });
    expect(wrong.status).toBe(401);
    expect((await post('token', body, { 'x-hook-token': TOKEN.slice(0, -1) })).status).toBe(401);
    expect((await post('token', body, { 'x-hook-token': TOKEN.toUpperCase() })).status).toBe(401);
    expect(await received('token')).toBe(0);

    const right = await post('token', body, { 'x-hook-token': TOKEN });
    expect(right.status).toBe(202);
    expect(right.body.messageId).toEqual(expect.any(String));
    expect(await received('token')).toBe(1);
    for (const answer of [missing, wrong]) expect(answer.text).not.toContain(TOKEN);
  });

  it('checks a GitHub-style signature: hex HMAC-SHA256 of the raw body after sha256=', async () => {
    // The raw bytes are signed: the same JSON spaced differently is another body.
    const body = '{ "action": "opened",  "number": 7 }';
    const good = `sha256=${hmac(body, 'hex')}`;
    expect((await post('github', body, { 'x-hub-signature-256': good })).status).toBe(202);
    expect((await post('github', body, { 'x-hub-signature-256': `sha256=${hmac(body, 'hex').toUpperCase()}` })).status).toBe(202);

    const refusals = await Promise.all([
      post('github', body),
      post('github', body, { 'x-hub-signature-256': hmac(body, 'hex') }), // no prefix
      post('github', body, { 'x-hub-signature-256': `sha256=${hmac(body, 'hex', 'another secret')}` }),
      post('github', JSON.stringify(JSON.parse(body)), { 'x-hub-signature-256': good }), // body changed
      post('github', body, { 'x-hub-signature-256': `sha256=${hmac(body, 'base64')}` }), // wrong encoding
      post('github', body, { 'x-hub-signature-256': `sha256=${hmac(body, 'hex').slice(0, 40)}` }), // cut short
    ]);
    expect(refusals.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(refusals[1]?.body.error?.message).toMatch(/must start with "sha256="/);
    expect(refusals[2]?.body.error?.message).toMatch(/does not match/);
    expect(await received('github')).toBe(2);
    for (const answer of refusals) expect(answer.text).not.toContain(SIGNING);
  });

  it('checks a Shopify-style signature: base64 HMAC-SHA256 of the raw body', async () => {
    const body = JSON.stringify({ id: 820982911946154500, email: 'jon@example.com' });
    expect((await post('shopify', body, { 'x-shopify-hmac-sha256': hmac(body, 'base64') })).status).toBe(202);
    const wrong = await Promise.all([
      post('shopify', body, { 'x-shopify-hmac-sha256': hmac(`${body} `, 'base64') }),
      post('shopify', body, { 'x-shopify-hmac-sha256': hmac(body, 'hex') }),
      post('shopify', body, { 'x-shopify-hmac-sha256': 'not base64 at all' }),
    ]);
    expect(wrong.map((answer) => answer.status)).toEqual([401, 401, 401]);
    expect(await received('shopify')).toBe(1);
  });

  it('refuses with 503 while its credential cannot be used, saying why in the server log only', async () => {
    const wrongType = await post('wrongtype', '{}', { 'x-hook-token': 'pg-password' });
    expect(wrongType.status).toBe(503);
    expect(wrongType.headers.get('retry-after')).toBe('30');
    expect(wrongType.body.error?.message).toMatch(/cannot check requests right now/);
    const missing = await post('missing', '{}', { 'x-hook-token': 'anything' });
    expect(missing.status).toBe(503);
    // Logged once, however often the sender retries.
    await post('wrongtype', '{}', { 'x-hook-token': 'pg-password' });
    expect(serverLog.filter((line) => line.includes('webhook wrongtype/hook'))).toEqual([expect.stringMatching(/credential "db" is a postgres credential; webhook authentication takes the key of an apiKey credential or the token of a bearer credential/)]);
    expect(serverLog.some((line) => line.includes('webhook missing/hook') && /"nobody" is not defined/.test(line))).toBe(true);
    expect(serverLog.join('\n')).not.toMatch(/pg-password|hook-token-Zq81|signing-secret-7Pw/);
    expect(await received('wrongtype')).toBe(0);
    expect(await received('missing')).toBe(0);
  });
});

describe('webhook back pressure', () => {
  it('answers 503 with Retry-After once the queue holds its bound, and queues nothing more', async () => {
    const statuses: number[] = [];
    let full: Answer | undefined;
    // Sequential: each answer is in the count the next request sees. Bounded in count.
    for (let i = 0; i < 20 && !full; i++) {
      const answer = await post('bounded', JSON.stringify({ n: i }));
      statuses.push(answer.status);
      if (answer.status === 503) full = answer;
    }
    // The route's estimate errs high (a message committed while it reads the depth counts twice until
    // the next reading), so the first 503 may come a little before the third message, never after it.
    expect(statuses[0]).toBe(202);
    expect(full?.status).toBe(503);
    expect(full?.headers.get('retry-after')).toBe('1');
    expect(full?.body.error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/3 or more messages waiting/) });
    // Concurrent senders at the bound: none gets in while nothing drains.
    const burst = await Promise.all(Array.from({ length: 16 }, (_, i) => post('bounded', JSON.stringify({ burst: i }))));
    expect(burst.every((answer) => answer.status === 503)).toBe(true);
    const accepted = statuses.filter((status) => status === 202).length;
    expect(await received('bounded')).toBe(accepted);
    expect(accepted).toBeLessThanOrEqual(3);
  });
});

describe('pipewright validate', () => {
  it('refuses a bad auth config naming each field by its path', async () => {
    const ws = new Workspace('pipewright-webhook-validate-');
    try {
      const flow = {
        format: 'pipewright/flow@1', id: 'bad-auth', name: 'bad auth',
        nodes: [
          { id: 'a', type: 'trigger.webhook', position: [0, 0], config: { auth: { type: 'hmac', header: 'X Signature', credential: 'gh', encoding: 'hexadecimal' } } },
          { id: 'b', type: 'trigger.webhook', position: [0, 0], config: { auth: { type: 'password', credential: 'gh' } } },
          { id: 'c', type: 'trigger.webhook', position: [0, 0], config: { auth: { type: 'token', credential: 'no spaces please' } } },
          { id: 'd', type: 'trigger.webhook', position: [0, 0], config: { auth: { type: 'token', credential: 'fine', secret: 'inline' } } },
        ],
        edges: [],
      };
      const file = ws.write('flows/bad-auth.flow.json', flow);
      const result = await ws.run(['validate', file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/nodes\[0\]\.config\.auth\.header .*HTTP header name/);
      expect(result.stderr).toMatch(/nodes\[0\]\.config\.auth\.encoding .*"hex", "base64"/);
      expect(result.stderr).toMatch(/nodes\[1\]\.config\.auth\.type .*"token" or "hmac"/);
      expect(result.stderr).toMatch(/nodes\[2\]\.config\.auth\.credential /);
      expect(result.stderr).toMatch(/nodes\[3\]\.config\.auth/);

      const good = ws.write('flows/good-auth.flow.json', { ...hookFlow('good-auth', { auth: { type: 'hmac', header: 'X-Hub-Signature-256', credential: 'gh', encoding: 'hex', prefix: 'sha256=' } }) });
      const ok = await ws.run(['validate', good]);
      expect(ok.code).toBe(0);
    } finally {
      ws.remove();
    }
  });
});
