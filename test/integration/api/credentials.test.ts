// credentials.* through the service, with the real parts: the workspace's credentials.json, the
// encrypted secrets file (key from the environment given to the vault, no keychain), and a loopback
// HTTP server that checks the credential credentials.test applies — and echoes it back, so the test
// sees that the answer is redacted.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService, dispatch, type Service } from '../../../main/api/index.js';
import { openCredentialVault } from '../../../main/credentials/open-vault.js';
import type { ApiEvent } from '../../../shared/api/events.js';
import { chainFlow, finished } from './api-workspace.js';

const TOKEN = `tok-${randomBytes(12).toString('hex')}`;
const PASSWORD = `pw-${randomBytes(12).toString('hex')}`;
const API_KEY = `key-${randomBytes(12).toString('hex')}`;
const CLIENT_SECRET = `cs-${randomBytes(12).toString('hex')}`;
const ACCESS_TOKEN = `at-${randomBytes(12).toString('hex')}`;
const SECRETS = [TOKEN, PASSWORD, API_KEY, CLIENT_SECRET, ACCESS_TOKEN];

/**
 * Accepts `Bearer TOKEN` on /bearer, `Basic ada:PASSWORD` on /basic, `?api_key=API_KEY` on /query and
 * `Bearer ACCESS_TOKEN` on /oauth, that token issued by POST /token to client `cid` with CLIENT_SECRET;
 * a 401 echoes what it got.
 */
function startTarget(): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const auth = request.headers.authorization ?? '';
    if (url.pathname === '/token') {
      const issued = auth === `Basic ${Buffer.from(`cid:${CLIENT_SECRET}`).toString('base64')}`;
      response.writeHead(issued ? 200 : 401, { 'content-type': 'application/json' });
      response.end(JSON.stringify(issued ? { access_token: ACCESS_TOKEN, token_type: 'Bearer', expires_in: 3600 } : { error: 'invalid_client', got: auth }));
      return;
    }
    const accepted =
      (url.pathname === '/oauth' && auth === `Bearer ${ACCESS_TOKEN}`) ||
      (url.pathname === '/bearer' && auth === `Bearer ${TOKEN}`) ||
      (url.pathname === '/basic' && auth === `Basic ${Buffer.from(`ada:${PASSWORD}`).toString('base64')}`) ||
      (url.pathname === '/query' && url.searchParams.get('api_key') === API_KEY);
    response.writeHead(accepted ? 200 : 401, { 'content-type': 'application/json' });
    response.end(JSON.stringify(accepted ? { ok: true } : { error: 'invalid credential', got: auth || url.search }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

class CredentialWorkspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'pipewright-credentials-'));
  readonly events: ApiEvent[] = [];
  readonly service: Service;

  constructor(readonly env: Record<string, string> = { PIPEWRIGHT_SECRETS_KEY: randomBytes(32).toString('base64') }) {
    mkdirSync(join(this.dir, 'flows'));
    this.service = createService({ workspace: this.dir, credentials: openCredentialVault(this.dir, env), onEvent: (event) => this.events.push(event) });
  }

  /** Every byte the workspace holds (flows, credentials.json, the encrypted file, the state database). */
  allBytes(): string {
    const read = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? read(join(dir, entry.name)) : [readFileSync(join(dir, entry.name)).toString('latin1')]));
    return read(this.dir).join('\n');
  }

  async waitForRun(runId: string): Promise<Extract<ApiEvent, { type: 'run.finished' }>> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const found = this.events.find(finished(runId));
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`run ${runId} did not finish`);
  }

  async remove(): Promise<void> {
    await this.service.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

let target: Server;
let base: string;
let ws: CredentialWorkspace;

beforeAll(async () => {
  target = await startTarget();
  base = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  ws = new CredentialWorkspace();
});
afterAll(async () => {
  await ws?.remove();
  await new Promise((resolve) => target?.close(resolve));
});

function expectNoSecret(value: unknown): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('credentials through the service', () => {
  it('saves credentials and lists them with their type and fields, never the secret', async () => {
    const bearer = await ws.service['credentials.save']({ credential: { name: 'erp-api', type: 'bearer', fields: {} }, secret: TOKEN });
    expect(bearer).toMatchObject({ name: 'erp-api', type: 'bearer', hasSecret: true, store: 'encrypted-file' });
    await dispatch(ws.service, 'credentials.save', { credential: { name: 'shop', type: 'basic', fields: { username: 'ada' } }, secret: PASSWORD });
    await dispatch(ws.service, 'credentials.save', { credential: { name: 'maps', type: 'apiKey', fields: { in: 'query', name: 'api_key' } }, secret: API_KEY });

    const list = await dispatch(ws.service, 'credentials.list', {});
    expect(list).toEqual([
      expect.objectContaining({ name: 'erp-api', type: 'bearer', fields: {}, hasSecret: true }),
      expect.objectContaining({ name: 'maps', type: 'apiKey', fields: { in: 'query', name: 'api_key' }, hasSecret: true }),
      expect.objectContaining({ name: 'shop', type: 'basic', fields: { username: 'ada' }, hasSecret: true }),
    ]);
    expectNoSecret(list);
    // On disk only encrypted: neither credentials.json nor the secrets file holds a secret in the clear.
    expectNoSecret(ws.allBytes());
  });

  it('tests a bearer, a basic and a query API key credential with one request each', async () => {
    for (const [name, path] of [['erp-api', '/bearer'], ['shop', '/basic'], ['maps', '/query']] as const) {
      const result = await dispatch(ws.service, 'credentials.test', { name, url: `${base}${path}` });
      expect(result, name).toMatchObject({ ok: true, status: 200, durationMs: expect.any(Number) });
      expect((result as { message?: string }).message).toBeUndefined();
    }
  });

  it('tests an OAuth2 client credentials credential: a token is fetched, then sent', async () => {
    const oauth = { name: 'erp-oauth', type: 'oauth2ClientCredentials' as const, fields: { tokenUrl: `${base}/token`, clientId: 'cid' } };
    await ws.service['credentials.save']({ credential: oauth, secret: CLIENT_SECRET });
    expect(await ws.service['credentials.test']({ name: 'erp-oauth', url: `${base}/oauth` })).toMatchObject({ ok: true, status: 200 });
    await ws.service['credentials.save']({ credential: oauth, secret: 'not-the-client-secret' });
    const refused = await ws.service['credentials.test']({ name: 'erp-oauth', url: `${base}/oauth` });
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('token') });
    expect(refused.message).not.toContain('not-the-client-secret');
    expectNoSecret(refused);
    await ws.service['credentials.delete']({ name: 'erp-oauth' });
  });

  it('reports a refused credential with the status, and the server\'s echo of the secret redacted', async () => {
    // The bearer token sent to the basic endpoint: refused, and the body quotes the header back.
    const result = await ws.service['credentials.test']({ name: 'erp-api', url: `${base}/basic` });
    expect(result).toMatchObject({ ok: false, status: 401 });
    expect(result.message).toContain('401');
    expect(result.message).toContain('[redacted]');
    expectNoSecret(result);
  });

  it('keeps the stored secret when a credential is edited without one, and replaces it when one is given', async () => {
    await ws.service['credentials.save']({ credential: { name: 'shop', type: 'basic', fields: { username: 'ada' } } });
    expect(await ws.service['credentials.test']({ name: 'shop', url: `${base}/basic` })).toMatchObject({ ok: true });
    await ws.service['credentials.save']({ credential: { name: 'shop', type: 'basic', fields: { username: 'ada' } }, secret: 'wrong-password' });
    expect(await ws.service['credentials.test']({ name: 'shop', url: `${base}/basic` })).toMatchObject({ ok: false, status: 401 });
    await ws.service['credentials.save']({ credential: { name: 'shop', type: 'basic', fields: { username: 'ada' } }, secret: PASSWORD });
  });

  it('rejects invalid definitions with every problem at its path', async () => {
    const bad = dispatch(ws.service, 'credentials.save', { credential: { name: 'bad name!', type: 'oauth2ClientCredentials', fields: { tokenUrl: 'ftp://x', clientId: '' } }, secret: 's' });
    await expect(bad).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    const error = (await bad.catch((caught: unknown) => caught)) as { problems: Array<{ path: string }> };
    expect(error.problems.map((problem) => problem.path)).toEqual(expect.arrayContaining(['credential.name', 'credential.fields.tokenUrl', 'credential.fields.clientId']));
    // The same check when the service is called directly, without dispatch.
    await expect(ws.service['credentials.save']({ credential: { name: 'x', type: 'basic', fields: { username: '' } } })).rejects.toMatchObject({
      code: 'INVALID_PARAMS',
      problems: [expect.objectContaining({ path: 'credential.fields.username' })],
    });
  });

  it('asks for a new secret when a credential changes type', async () => {
    await expect(ws.service['credentials.save']({ credential: { name: 'erp-api', type: 'basic', fields: { username: 'ada' } } })).rejects.toMatchObject({
      code: 'INVALID_PARAMS',
      problems: [expect.objectContaining({ path: 'secret' })],
    });
    expect((await ws.service['credentials.list']({})).find((item) => item.name === 'erp-api')?.type).toBe('bearer');
  });

  it('answers a test of an unreachable URL or a credential without a secret with a message, not an error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await ws.service['credentials.test']({ name: 'erp-api', url: `http://127.0.0.1:${port}/` });
    expect(unreachable).toMatchObject({ ok: false, message: expect.stringContaining('could not be reached') });
    expect(unreachable.status).toBeUndefined();

    await ws.service['credentials.save']({ credential: { name: 'later', type: 'bearer', fields: {} } });
    expect((await ws.service['credentials.list']({})).find((item) => item.name === 'later')).toMatchObject({ hasSecret: false });
    const noSecret = await ws.service['credentials.test']({ name: 'later', url: `${base}/bearer` });
    expect(noSecret).toMatchObject({ ok: false });
    expect(noSecret.message).toMatch(/secret/i);
    await expect(ws.service['credentials.test']({ name: 'nobody', url: `${base}/bearer` })).rejects.toMatchObject({ code: 'CREDENTIAL_NOT_FOUND' });
  });

  it('gives the engine the same credentials: a test run of an http.request node sends the bearer token', async () => {
    const flow = chainFlow('call-erp', [['in', 'trigger.manual'], ['erp', 'http.request', { method: 'GET', url: `${base}/bearer`, credential: 'erp-api' }]], [{ id: 1 }]);
    const { runId } = await ws.service['runs.start']({ document: flow });
    expect(await ws.waitForRun(runId)).toMatchObject({ status: 'succeeded' });
    const steps = await ws.service['runs.steps']({ runId, nodeId: 'erp' });
    expectNoSecret(steps);
    expectNoSecret(ws.allBytes());
  });

  it('deletes a credential and its secret', async () => {
    expect(await ws.service['credentials.delete']({ name: 'later' })).toEqual({ deleted: true });
    expect(await ws.service['credentials.delete']({ name: 'later' })).toEqual({ deleted: false });
    expect((await ws.service['credentials.list']({})).map((item) => item.name)).toEqual(['erp-api', 'maps', 'shop']);
  });
});
