// The nightly-export example, run for real once: `pipewright run` with its trigger's sample against a
// cursor-paged orders API on 127.0.0.1 (the example's placeholder host swapped for it in a copy of the
// flow; its credential shop-api a bearer token in the encrypted secrets file) walks both pages, maps
// each order and appends the records to the day's JSON-lines file; a second run appends to it.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCredentialVault } from '../../../main/credentials/open-vault.js';
import { EXAMPLES, stdoutJson, Workspace } from '../cli/cli-harness.js';

const PLACEHOLDER_API = 'https://api.shop.example';
const TOKEN = 'shop-token-for-this-test-only';

const pages: Record<string, { orders: unknown[]; next_cursor: string | null }> = {
  first: {
    orders: [
      { id: 1, number: 'SO-2001', customer: { email: 'cleo@example.com' }, total_price: '10.00', currency: 'EUR', financial_status: 'paid', updated_at: '2026-03-01T10:00:00+01:00' },
      { id: 2, number: 'SO-2002', customer: { email: 'dirk@example.com' }, total_price: '20.5', currency: 'EUR', financial_status: 'pending', updated_at: '2026-03-01T11:00:00+01:00' },
    ],
    next_cursor: 'b3JkZXI6Mg',
  },
  b3JkZXI6Mg: {
    orders: [{ id: 3, number: 'SO-2003', customer: null, total_price: '7', currency: 'EUR', financial_status: 'paid', updated_at: '2026-03-01T12:00:00+01:00' }],
    next_cursor: null,
  },
};

let server: Server;
let apiUrl: string;
const requests: Array<Record<string, string>> = [];
let ws: Workspace;
let env: Record<string, string>;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, ...Object.fromEntries(url.searchParams) });
    const page = url.pathname === '/v1/orders' ? pages[url.searchParams.get('cursor') ?? 'first'] : undefined;
    if (req.headers.authorization !== `Bearer ${TOKEN}`) res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"token required"}');
    else if (!page) res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ws = new Workspace();
  env = { PIPEWRIGHT_SECRETS_KEY: randomBytes(32).toString('hex'), PIPEWRIGHT_SECRET_STORE: '' };
  await openCredentialVault(ws.dir, env).save({ name: 'shop-api', type: 'bearer', fields: {}, allowedHosts: ['127.0.0.1'] }, TOKEN);
  const text = readFileSync(`${EXAMPLES}/nightly-export.flow.json`, 'utf8');
  expect(text).toContain(PLACEHOLDER_API);
  ws.write('flows/nightly-export.flow.json', text.replaceAll(PLACEHOLDER_API, apiUrl));
  const flow = JSON.parse(text) as { samples: Record<string, unknown[]> };
  ws.write('fired.json', flow.samples.nightly);
});

afterAll(async () => {
  ws?.remove();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

const expected = [
  { orderNo: 'SO-2001', email: 'cleo@example.com', total: 10, currency: 'EUR', status: 'paid', updatedAt: '2026-03-01T09:00:00.000Z' },
  { orderNo: 'SO-2002', email: 'dirk@example.com', total: 20.5, currency: 'EUR', status: 'pending', updatedAt: '2026-03-01T10:00:00.000Z' },
  { orderNo: 'SO-2003', email: null, total: 7, currency: 'EUR', status: 'paid', updatedAt: '2026-03-01T11:00:00.000Z' },
];

function dayFiles(): string[] {
  return readdirSync(ws.path('exports')).filter((name) => /^orders-\d{4}-\d{2}-\d{2}\.jsonl$/.test(name));
}

function lines(name: string): unknown[] {
  return readFileSync(ws.path('exports', name), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
}

describe('the nightly-export example without stand-ins', () => {
  it('fetches both pages and appends one JSON line per order to the day file, again on the next run', async () => {
    const before = new Date().toISOString().slice(0, 10);
    const result = await ws.run(['run', 'nightly-export', '--input', 'fired.json', '--json'], { env });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const report = stdoutJson<{ status: string; dead: unknown[] }>(result);
    expect(report.status).toBe('succeeded');
    expect(report.dead).toEqual([]);
    expect(requests).toEqual([
      { path: '/v1/orders', updated_since: '2026-03-01T01:30:00.000Z', limit: '100' },
      { path: '/v1/orders', updated_since: '2026-03-01T01:30:00.000Z', limit: '100', cursor: 'b3JkZXI6Mg' },
    ]);
    const after = new Date().toISOString().slice(0, 10);
    const [name, ...others] = dayFiles();
    expect(others).toEqual([]);
    // Named after the (UTC) day it ran.
    expect([`orders-${before}.jsonl`, `orders-${after}.jsonl`]).toContain(name);
    expect(lines(name!)).toEqual(expected);

    const again = await ws.run(['run', 'nightly-export', '--input', 'fired.json', '--json'], { env });
    expect(again.code, again.stdout + again.stderr).toBe(0);
    if (dayFiles().length === 1) expect(lines(name!)).toEqual([...expected, ...expected]);
  });
});
