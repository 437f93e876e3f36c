// Scale-out proof (DESIGN.md §8): `serve --db … --no-worker` acknowledges 5,000 webhooks (each with an
// Idempotency-Key) and delivers nothing; two `worker` processes start, one is SIGKILLed mid-way, and
// the HTTP server the flow calls sees every order, each under exactly one outbound Idempotency-Key (an
// order may arrive twice — the call is at-least-once — but never as two different messages).
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainFlow, Workspace } from '../cli/cli-harness.js';
import { postgresCheck, startPostgres, type PostgresCluster } from '../../support/postgres.js';
import { startPipewright, waitUntil, type CliProcess } from './cli-process.js';

const ORDERS = 5000;
const CLIENTS = 32;
const postgres = postgresCheck();

describe.skipIf(!postgres.present)('webhooks taken by an intake-only server, worked by two workers', () => {
  let cluster: PostgresCluster;
  const ws = new Workspace('pipewright-scale-out-');
  const seen = new Map<string, Set<string>>();
  let receiver: Server;
  let receiverUrl: string;
  const processes: CliProcess[] = [];

  beforeAll(async () => {
    cluster = await startPostgres();
    receiver = createHttpServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const order = (JSON.parse(body) as { order: string }).order;
        const keys = seen.get(order) ?? new Set<string>();
        keys.add(String(request.headers['idempotency-key']));
        seen.set(order, keys);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/orders`;
  }, 120_000);

  afterAll(async () => {
    for (const process of processes) await process.stop('SIGKILL').catch(() => undefined);
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await cluster?.stop();
    ws.remove();
  });

  it('delivers every acknowledged order once workers start, each under one Idempotency-Key, through a SIGKILL of one', async () => {
    ws.write('flows/intake.flow.json', chainFlow('intake', [
      ['hook', 'trigger.webhook'],
      ['erp', 'http.request', { method: 'POST', url: receiverUrl, body: '{ "order": order }', concurrency: 16 }],
    ]));
    const db = cluster.url();
    const intake = await startPipewright(['--workspace', ws.dir, 'serve', '--port', '0', '--db', db, '--no-worker'], ws.dir);
    processes.push(intake);
    expect(intake.stdout()).toContain('intake only');
    const base = /^designer: (\S+)$/m.exec(intake.stdout())?.[1]?.replace(/\/$/, '') ?? '';
    await waitUntil(() => intake.stderr().includes('intake'), 10_000);

    // 5,000 orders from 32 clients; every one must be acknowledged (202) the first time.
    const statuses = new Map<number, number>();
    let next = 0;
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (next < ORDERS) {
        const n = next++;
        const answer = await fetch(`${base}/hooks/intake/hook`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `order-${n}` }, body: JSON.stringify({ order: `O-${n}` }),
        });
        await answer.arrayBuffer();
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      }
    }));
    expect(Object.fromEntries(statuses)).toEqual({ 202: ORDERS });
    // Intake only: nothing moves until a worker starts.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(seen.size).toBe(0);

    const doomed = await startPipewright(['--workspace', ws.dir, 'worker', '--db', db, '--poll-ms', '200', '--allow-private-network'], ws.dir);
    const survivor = await startPipewright(['--workspace', ws.dir, 'worker', '--db', db, '--poll-ms', '200', '--allow-private-network'], ws.dir);
    processes.push(doomed, survivor);
    expect(await waitUntil(() => seen.size >= ORDERS / 5, 60_000)).toBe(true);
    const killed = await doomed.stop('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    const deliveredAtKill = seen.size;
    expect(deliveredAtKill).toBeLessThan(ORDERS);

    // The survivor finishes, taking the killed worker's messages once their leases run out (30 s).
    expect(await waitUntil(() => seen.size >= ORDERS, 150_000), `delivered ${seen.size} of ${ORDERS}\n${survivor.stderr()}`).toBe(true);
    const twoKeys = [...seen].filter(([, keys]) => keys.size !== 1);
    expect(twoKeys).toEqual([]);
    for (let n = 0; n < ORDERS; n++) expect([...(seen.get(`O-${n}`) ?? [])]).toHaveLength(1);

    const stopped = await survivor.stop();
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stderr).toContain('leases are released');
    const intakeStopped = await intake.stop();
    expect(intakeStopped.code, intakeStopped.stderr).toBe(0);
  }, 300_000);
});
