// The commands of scale-out as a user runs them (DESIGN.md §7, §8): `db migrate`, `serve --db` with its
// own worker, and the clear one-line errors for a wrong URL or --no-worker without a database. While
// PostgreSQL is down, /api/health says so (503, naming the state database); once it is back, the
// server answers and delivers again without a restart.
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainFlow, hasStackTrace, cli, Workspace } from '../cli/cli-harness.js';
import { openPostgresStore } from '../../../main/engine/index.js';
import { createDatabaseIfMissing, postgresCheck, startPostgres, withDatabase, type PostgresCluster } from '../../support/postgres.js';
import { startPipewright, waitUntil, type CliProcess } from './cli-process.js';

const ws = new Workspace('pipewright-serve-db-');
afterAll(() => ws.remove());

describe('scale-out commands given wrong arguments', () => {
  it('refuses a URL that is not PostgreSQL, and --no-worker without --db, with one line each', async () => {
    const notPostgres = await cli(['--workspace', ws.dir, 'worker', '--db', 'mysql://u@h/db'], { cwd: ws.dir });
    expect(notPostgres.code).toBe(2);
    expect(notPostgres.stderr).toMatch(/--db.*must be a PostgreSQL URL/);
    const noWorker = await cli(['--workspace', ws.dir, 'serve', '--port', '0', '--no-worker'], { cwd: ws.dir });
    expect(noWorker.code).toBe(2);
    expect(noWorker.stderr).toContain('--no-worker needs --db');
    for (const result of [notPostgres, noWorker]) expect(hasStackTrace(result.stderr)).toBe(false);
  });
});

const postgres = postgresCheck();

describe.skipIf(!postgres.present)('serve --db and db migrate on PostgreSQL', () => {
  let cluster: PostgresCluster;
  let receiver: Server;
  let receiverUrl: string;
  const orders: string[] = [];
  const processes: CliProcess[] = [];

  beforeAll(async () => {
    cluster = await startPostgres();
    receiver = createHttpServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        orders.push((JSON.parse(body) as { order: string }).order);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/orders`;
  }, 120_000);
  afterAll(async () => {
    for (const process of processes) await process.stop('SIGKILL').catch(() => undefined);
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
    await cluster?.stop();
  });

  it('migrates a database separately, as often as asked', async () => {
    for (let i = 0; i < 2; i++) {
      const result = await cli(['--workspace', ws.dir, 'db', 'migrate', '--db', cluster.url()], { cwd: ws.dir });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^postgres:\/\/pipewright@127\.0\.0\.1:\d+\/pipewright_test: schema version 3$/m);
      expect(result.stdout).not.toContain(cluster.password);
    }
  });

  it('says a database it cannot reach is unavailable, in one line without the password', async () => {
    const url = new URL(cluster.url());
    url.port = String(Number(url.port) + 1);
    const result = await cli(['--workspace', ws.dir, 'db', 'migrate', '--db', url.toString()], { cwd: ws.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('STATE_DB_UNAVAILABLE');
    expect(result.stderr).not.toContain(cluster.password);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('serves and delivers webhooks on PostgreSQL, reports the database away in /api/health, and delivers again once it is back', async () => {
    ws.write('flows/intake.flow.json', chainFlow('intake', [
      ['hook', 'trigger.webhook'],
      ['erp', 'http.request', { method: 'POST', url: receiverUrl, body: '{ "order": order }' }],
    ]));
    const server = await startPipewright(['--workspace', ws.dir, 'serve', '--port', '0', '--db', cluster.url()], ws.dir);
    processes.push(server);
    expect(server.stdout()).toMatch(/^state: postgres:\/\/pipewright@127\.0\.0\.1:\d+\/pipewright_test$/m);
    const base = /^designer: (\S+)$/m.exec(server.stdout())?.[1]?.replace(/\/$/, '') ?? '';
    const post = async (order: string): Promise<number> => {
      const answer = await fetch(`${base}/hooks/intake/hook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ order }) });
      await answer.arrayBuffer();
      return answer.status;
    };
    const health = async (): Promise<{ status: number; store: string }> => {
      const answer = await fetch(`${base}/api/health`);
      return { status: answer.status, store: ((await answer.json()) as { store: string }).store };
    };
    expect(await waitUntil(async () => (await post('before')) === 202, 10_000)).toBe(true);
    expect(await waitUntil(() => orders.includes('before'), 30_000)).toBe(true);
    expect(await health()).toEqual({ status: 200, store: 'ok' });
    // /metrics counts the steps its own work loop committed.
    const token = /^API token: (pw_\S+)$/m.exec(server.stdout())?.[1] ?? '';
    const metrics = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
    expect(metrics).toMatch(/pipewright_messages_in_total\{flow="intake",node="erp"\} [1-9]/);

    // Down for 4 s: long enough to look at the health report meanwhile.
    const stopped = cluster.restart(4000);
    expect(await waitUntil(async () => (await health()).status === 503, 3500)).toBe(true);
    expect((await health()).store).toMatch(/state database postgres:\/\/pipewright@127\.0\.0\.1/);
    await stopped;
    expect(await waitUntil(async () => (await health()).status === 200, 30_000)).toBe(true);
    expect(await waitUntil(async () => (await post('after')) === 202, 30_000)).toBe(true);
    expect(await waitUntil(() => orders.includes('after'), 60_000), server.stderr()).toBe(true);
    // Its log said what happened: the database went away, and came back.
    expect(server.stderr()).toMatch(/worker: .*state database.*; retrying/);
    expect(server.stderr()).toContain('answers again');

    const end = await server.stop();
    expect(end.code, end.stderr).toBe(0);
  }, 180_000);

  it('has a worker refuse a flow\'s request to a loopback address unless --allow-private-network', async () => {
    const url = withDatabase(cluster.url(), 'refusing');
    await createDatabaseIfMissing(url);
    const own = new Workspace('pipewright-worker-policy-');
    try {
      own.write('flows/refused.flow.json', chainFlow('refused', [
        ['hook', 'trigger.webhook'],
        ['erp', 'http.request', { method: 'POST', url: receiverUrl, body: '{ "order": order }' }],
      ]));
      const intake = await startPipewright(['--workspace', own.dir, 'serve', '--port', '0', '--db', url, '--no-worker'], own.dir);
      processes.push(intake);
      const base = /^designer: (\S+)$/m.exec(intake.stdout())?.[1]?.replace(/\/$/, '') ?? '';
      expect(await waitUntil(async () => {
        const answer = await fetch(`${base}/hooks/refused/hook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"order":"inside"}' });
        await answer.arrayBuffer();
        return answer.status === 202;
      }, 10_000)).toBe(true);
      const worker = await startPipewright(['--workspace', own.dir, 'worker', '--db', url, '--poll-ms', '200'], own.dir);
      processes.push(worker);
      const store = await openPostgresStore(url);
      try {
        expect(await waitUntil(async () => (await store.deadLetters.list({ flowId: 'refused' })).length > 0, 30_000), worker.stderr()).toBe(true);
        const [letter] = await store.deadLetters.list({ flowId: 'refused' });
        expect(letter?.error.code).toBe('HTTP_ADDRESS_REFUSED');
      } finally {
        await store.close();
      }
      expect(orders).not.toContain('inside');
      await Promise.all([worker.stop(), intake.stop()]);
    } finally {
      own.remove();
    }
  }, 90_000);
});
