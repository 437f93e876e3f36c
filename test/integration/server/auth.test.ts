// Who may call the server: health and the designer's files are open, every other route needs the token
// that was printed once and is stored only as a salted hash.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTokenStore, tokenFilePath } from '../../../main/server/index.js';
import { openEvents, rpc, startHarness, type Harness } from './server-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** A GET whose body is always read, so no connection stays busy and shutdown stays quick. */
async function get(path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<{ status: number; headers: Headers; json(): unknown }> {
  const response = await fetch(new URL(path, h.url), { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: () => JSON.parse(text) as unknown };
}

describe('auth', () => {
  it('answers health without a token', async () => {
    const response = await get('api/health');
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/), store: 'ok', live: [] });
  });

  it('serves the designer files without a token', async () => {
    expect((await get('')).status).toBe(200);
    expect((await get('assets/app.js')).status).toBe(200);
  });

  it('refuses an rpc call without a token with 401 and says how to send one', async () => {
    const answer = await rpc(h, 'flows.list', {}, { token: null });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.stringContaining('Authorization: Bearer <token>') } });
  });

  it('refuses an rpc call with a wrong or malformed token with 401', async () => {
    for (const token of ['pw_wrong', `${h.token}x`, h.token.slice(0, -1), '']) {
      const answer = await rpc(h, 'flows.list', {}, { token });
      expect(answer.status, `token ${JSON.stringify(token)}`).toBe(401);
      expect(answer.body).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.stringContaining('not valid') } });
    }
    const basic = await get('api/events', { authorization: `Basic ${Buffer.from(`x:${h.token}`).toString('base64')}` });
    expect(basic.status).toBe(401);
  });

  it('checks the token before anything else, even for unknown methods and bad bodies', async () => {
    expect((await rpc(h, 'no.such', {}, { token: null })).status).toBe(401);
    expect((await rpc(h, 'flows.get', undefined, { token: null, body: '{oops' })).status).toBe(401);
  });

  it('refuses the event stream without a token, with a wrong one, and with a wrong ?token=', async () => {
    expect((await get('api/events')).status).toBe(401);
    expect((await get('api/events', { authorization: 'Bearer pw_wrong' })).status).toBe(401);
    const client = await openEvents(h, 'pw_wrong');
    expect(client.status).toBe(401);
    client.close();
  });

  it('accepts the token in the query string only on the event stream', async () => {
    const response = await get(`api/rpc/flows.list?token=${h.token}`, {}, 'POST');
    expect(response.status).toBe(401);
    const client = await openEvents(h);
    expect(client.status).toBe(200);
    client.close();
  });

  it('refuses unknown and oddly spelled api routes without a token', async () => {
    for (const path of ['api/nothing', 'api', 'api/rpc', 'api/rpc/flows.list', '%61pi/rpc/flows.list', 'api/%72pc/flows.list']) {
      const response = await get(path);
      expect(response.status, path).toBe(401);
    }
    const post = await get('%61pi/rpc/flows.list', { 'content-type': 'application/json' }, 'POST', '{}');
    expect(post.status).toBe(401);
  });

  it('answers 404 for an unknown api route once the token is right', async () => {
    const response = await get('api/nothing', { authorization: `Bearer ${h.token}` });
    expect(response.status).toBe(404);
    expect(response.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('POST /api/rpc/<method>') } });
  });
});

describe('the token', () => {
  it('is stored only as a salted hash in a file only its owner can read', () => {
    const file = tokenFilePath(h.dir);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(h.token);
    expect(text).not.toContain(h.token.slice(3));
    expect(JSON.parse(text)).toMatchObject({ format: 1, algorithm: 'sha256', salt: expect.any(String), hash: expect.any(String) });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(h.token).toMatch(/^pw_[A-Za-z0-9_-]{43}$/);
  });

  it('is the same on the next start and is not shown again', () => {
    const reopened = openTokenStore(h.dir);
    expect(reopened.createdToken).toBeUndefined();
    expect(reopened.store.verify(h.token)).toBe(true);
    expect(reopened.store.verify('pw_other')).toBe(false);
  });

  it('is replaced by a reset, after which the old one no longer works', () => {
    // Last in this file: the running server keeps the hash it loaded, the file gets the new one.
    const reset = openTokenStore(h.dir, { reset: true });
    expect(reset.createdToken).toMatch(/^pw_/);
    expect(reset.createdToken).not.toBe(h.token);
    expect(reset.store.verify(h.token)).toBe(false);
    expect(openTokenStore(h.dir).store.verify(reset.createdToken as string)).toBe(true);
  });

  it('refuses to start on a damaged token file and says how to make a new one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipewright-token-'));
    try {
      mkdirSync(join(dir, '.pipewright'));
      writeFileSync(tokenFilePath(dir), '{"format":1,"algorithm":"sha256","salt":"x"}');
      expect(() => openTokenStore(dir)).toThrow(expect.objectContaining({ code: 'SERVER_TOKEN_UNREADABLE', message: expect.stringContaining('--reset-token') }));
      expect(openTokenStore(dir, { reset: true }).createdToken).toMatch(/^pw_/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
