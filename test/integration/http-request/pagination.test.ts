// http.request pagination through the real engine (SQLite state in a temp workspace) against a real
// paged API on 127.0.0.1: every style collects all items in order, per-page and per-item emission,
// the maxPages bound, a transient failure on page 3 retried from the first page without duplicates
// in the output, the credential on every page (401 re-authorized per page), and the loop and origin guards.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Authorizer, CredentialProvider } from '../../../main/credentials/types.js';
import { createRedactor } from '../../../main/credentials/redactor.js';
import { NodeError } from '../../../main/engine/errors.js';
import { httpRequestExecutor } from '../../../main/engine/nodes/http-request.js';
import { findLink, parseLinkHeader } from '../../../main/engine/nodes/http/link-header.js';
import { closeHttpAgent } from '../../../main/http/index.js';
import { chain, TempWorkspace } from '../../fixtures/engine/workspace.js';
import { startPagingServer, type PagingServer } from '../../fixtures/http/paging-server.js';
import { httpContext, message } from './node-context.js';

let server: PagingServer;
const workspaces: TempWorkspace[] = [];
const ALL_IDS = Array.from({ length: 23 }, (_, index) => index + 1);

beforeAll(async () => {
  server = await startPagingServer({ total: 23, pageSize: 10 });
});
beforeEach(() => server.reset());
afterAll(async () => {
  for (const workspace of workspaces) await workspace.remove();
  await closeHttpAgent();
  await server?.close();
});

/** Runs trigger → http.request (with `config`) → output.log on one input message. */
async function runFlow(config: Record<string, unknown>, retry = { maxAttempts: 3, backoffMs: 10, maxBackoffMs: 20 }) {
  const workspace = new TempWorkspace();
  workspaces.push(workspace);
  const logs: Array<{ level: string; message: string }> = [];
  const engine = await workspace.open({ onLog: (line) => logs.push(line) });
  const flow = chain('paging', [
    ['start', 'trigger.manual'],
    ['fetch', 'http.request', config, { retry }],
    ['done', 'output.log', { level: 'debug' }],
  ]);
  const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'start', messages: [{ listing: 'all' }] }] });
  const report = await engine.drive(runId);
  const emitted = await engine.emissions(runId);
  const dead = await engine.deadLetters({ runId });
  return { report, done: emitted.done ?? [], dead, logs };
}

async function failure(work: Promise<unknown>): Promise<NodeError> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(NodeError);
  return error as NodeError;
}

const ids = (payloads: unknown[]): unknown[] => payloads.map((p) => (p as { id: number }).id);

const STYLES: Record<string, Record<string, unknown>> = {
  link: { url: '/link?per_page=10', pagination: { style: 'link', split: true } },
  cursor: { url: '/cursor?limit=10', pagination: { style: 'cursor', cursor: 'meta.next', param: 'cursor', items: 'data', split: true } },
  page: { url: '/page', pagination: { style: 'page', size: { param: 'size', value: 10 }, items: 'results', split: true } },
  offset: { url: '/offset', pagination: { style: 'offset', limit: 10, items: 'results', split: true } },
};

describe('http.request pagination in the engine', () => {
  for (const [style, config] of Object.entries(STYLES)) {
    it(`collects every item in order in ${style} style`, async () => {
      const { report, done, dead } = await runFlow({ ...config, url: `${server.url}${config.url as string}` });
      expect(dead).toEqual([]);
      expect(report.status).toBe('succeeded');
      expect(ids(done)).toEqual(ALL_IDS);
      const pages = server.requests.filter((r) => r.style === style);
      // page/offset need one more request to see the empty page that ends the list; it is not emitted.
      expect(pages.map((r) => r.page)).toEqual(style === 'page' || style === 'offset' ? [1, 2, 3, 4] : [1, 2, 3]);
      const key = pages[0]!.idempotencyKey!.replace(/\.p1$/, '');
      expect(pages.map((r) => r.idempotencyKey)).toEqual(pages.map((_, i) => `${key}.p${i + 1}`));
    });
  }

  it('emits one message per page without split, the response with output "response"', async () => {
    const bodies = await runFlow({ url: `${server.url}/link?per_page=10`, pagination: { style: 'link' } });
    expect(bodies.done.map((page) => ids(page as unknown[]))).toEqual([ALL_IDS.slice(0, 10), ALL_IDS.slice(10, 20), ALL_IDS.slice(20)]);

    server.reset();
    const responses = await runFlow({ url: `${server.url}/page`, output: 'response', pagination: { style: 'page', size: { param: 'size', value: 10 }, items: 'results' } });
    expect(responses.done).toHaveLength(3);
    for (const [index, page] of responses.done.entries()) {
      expect(page).toMatchObject({ status: 200, headers: { 'content-type': 'application/json' }, body: { results: expect.any(Array) } });
      expect(ids((page as { body: { results: unknown[] } }).body.results)).toEqual(ALL_IDS.slice(index * 10, index * 10 + 10));
    }
  });

  it('fails the message for good when more pages remain than maxPages allows, or keeps them with onMaxPages "stop"', async () => {
    const bounded = { url: `${server.url}/cursor?limit=10`, pagination: { style: 'cursor', cursor: 'meta.next', param: 'cursor', items: 'data', split: true, maxPages: 2 } };
    const failed = await runFlow(bounded);
    expect(failed.done).toEqual([]);
    expect(failed.dead).toHaveLength(1);
    expect(failed.dead[0]).toMatchObject({ attempts: 1, error: { code: 'HTTP_TOO_MANY_PAGES', location: { path: 'nodes[1].config.pagination.maxPages' } } });
    expect(failed.dead[0]!.error.message).toMatch(/more than pagination\.maxPages \(2\) pages; raise maxPages/);
    expect(server.requests).toHaveLength(2);

    server.reset();
    const stopped = await runFlow({ ...bounded, pagination: { ...bounded.pagination, onMaxPages: 'stop' } });
    expect(stopped.dead).toEqual([]);
    expect(ids(stopped.done)).toEqual(ALL_IDS.slice(0, 20));
    expect(stopped.logs.some((line) => line.level === 'warn' && /more than pagination\.maxPages \(2\) pages; emitted the first 2/.test(line.message))).toBe(true);
  });

  it('retries the whole message from the first page after a transient failure on page 3, emitting each item once', async () => {
    server.failOnce('page', 3, 503);
    const { report, done, dead } = await runFlow({ ...STYLES.page, url: `${server.url}/page` });
    expect(dead).toEqual([]);
    expect(report.status).toBe('succeeded');
    expect(ids(done)).toEqual(ALL_IDS);
    expect(server.requests.map((r) => `${r.page}:${r.status}`)).toEqual(['1:200', '2:200', '3:503', '1:200', '2:200', '3:200', '4:200']);
    // The repeat of a page carries the same key as its first try, so a server can recognise it.
    const keys = server.requests.map((r) => r.idempotencyKey);
    expect(keys[3]).toBe(keys[0]);
    expect(keys[5]).toBe(keys[2]);
  });

  it('rejects a next link to another origin, and a cursor that repeats, for good', async () => {
    server.linkOrigin('http://localhost:9');
    const cross = await failure(httpRequestExecutor.execute(message({}), httpContext({
      url: `${server.url}/link?per_page=10`, headers: { 'X-Api-Key': 'secret-ish' }, pagination: { style: 'link', split: false, maxPages: 5, onMaxPages: 'fail' },
    })));
    expect(cross).toMatchObject({ code: 'HTTP_PAGINATION', transient: false, location: { path: 'nodes[1].config.pagination' } });
    expect(cross.message).toMatch(/links to the next page on another origin \(http:\/\/localhost:9\)/);
    expect(server.requests).toHaveLength(1);

    server.reset();
    const loop = await failure(httpRequestExecutor.execute(message({}), httpContext({
      url: `${server.url}/cursor?limit=10`, pagination: { style: 'cursor', cursor: '"stuck"', param: 'cursor', split: false, maxPages: 5, onMaxPages: 'fail' },
    })));
    expect(loop).toMatchObject({ code: 'HTTP_PAGINATION', transient: false });
    expect(loop.message).toMatch(/already fetched; the API's cursor repeats/);
    expect(server.requests).toHaveLength(2);
  });

  it('applies the credential to every page and re-authorizes a 401 on the page that got it', async () => {
    let generation = 1;
    const authorizer: Authorizer = {
      apply(request) {
        request.headers.authorization = `Bearer token-${generation}`;
        return Promise.resolve();
      },
      invalidate() {
        generation += 1;
        return true;
      },
    };
    const credentials: CredentialProvider = { redactor: createRedactor(), authorizer: () => Promise.resolve(authorizer) } as unknown as CredentialProvider;
    server.expireToken('token-1', 2);
    const out = await httpRequestExecutor.execute(message({}), {
      ...httpContext({ url: `${server.url}/offset`, credential: 'api', pagination: { style: 'offset', limit: 10, items: 'results', split: true, start: 0, param: 'offset', limitParam: 'limit', maxPages: 10, onMaxPages: 'fail' } }),
      credentials,
    });
    expect(out.map((e) => (e.payload as { id: number }).id)).toEqual(ALL_IDS);
    expect(server.requests.map((r) => `${r.page}:${r.status}:${r.authorization}`)).toEqual([
      '1:200:Bearer token-1', '2:401:Bearer token-1', '2:200:Bearer token-2', '3:200:Bearer token-2', '4:200:Bearer token-2',
    ]);
  });

  it('refuses a templated method that renders to something else than GET', async () => {
    const error = await failure(httpRequestExecutor.execute(message({ verb: 'POST' }), httpContext({
      method: '{{ verb }}', url: `${server.url}/link`, pagination: { style: 'link', split: false, maxPages: 5, onMaxPages: 'fail' },
    })));
    expect(error).toMatchObject({ code: 'HTTP_BAD_METHOD', transient: false, location: { path: 'nodes[1].config.pagination' } });
    expect(server.requests).toEqual([]);
  });
});

describe('the Link header', () => {
  const base = new URL('https://api.example/v1/items?page=1');

  it('finds rel="next" among several links, across header lines, with quoted commas and semicolons', () => {
    const header = [
      '<https://docs.example/x>; rel="help"; title="a, b; c", </v1/items?page=3>; rel=last',
      '<?page=2>; title="next, please"; REL="prev next"',
    ];
    expect(findLink(header, base, 'next')?.href).toBe('https://api.example/v1/items?page=2');
    expect(findLink(header, base, 'last')?.href).toBe('https://api.example/v1/items?page=3');
    expect(parseLinkHeader(header, base).map((link) => link.params.title)).toEqual(['a, b; c', undefined, 'next, please']);
  });

  it('resolves relative targets against the request URL and skips malformed entries', () => {
    expect(findLink('<page2>; rel="next"', base, 'next')?.href).toBe('https://api.example/v1/page2');
    expect(findLink('garbage; rel="next", <https://api.example/ok>; rel="next"', base, 'next')?.href).toBe('https://api.example/ok');
    expect(findLink('<https://api.example/esc>; rel="ne\\"xt"; x, <https://api.example/n>; rel=next', base, 'next')?.href).toBe('https://api.example/n');
    expect(findLink(undefined, base, 'next')).toBeUndefined();
    expect(findLink('<https://api.example/only>; rel="last"', base, 'next')).toBeUndefined();
  });
});
