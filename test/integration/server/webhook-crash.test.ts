// The live-flow promise under a crash: concurrent clients post orders to a webhook, each re-sending
// with the same Idempotency-Key until it gets a 2xx, while the server is killed with SIGKILL and
// started again. Afterwards the system the flow calls has seen every order, and each order under
// exactly one outbound Idempotency-Key (an order may arrive twice — the call is at-least-once — but
// never as two different messages).
import type { ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainFlow, collect, startCli, Workspace, type CliResult } from '../cli/cli-harness.js';

const ORDERS = 1200;
const CLIENTS = 24;

const ws = new Workspace('pipewright-webhook-crash-');
const seen = new Map<string, Set<string>>();
let receiver: Server;
let receiverUrl: string;

beforeAll(async () => {
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
});

afterAll(async () => {
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  ws.remove();
});

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function serve(port: number): { child: ChildProcess; ended: Promise<CliResult> } {
  const child = startCli(['--workspace', ws.dir, 'serve', '--port', String(port)], { cwd: ws.dir });
  return { child, ended: collect(child) };
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('webhooks through a SIGKILL of the server', () => {
  it('delivers every acknowledged order, each under one outbound Idempotency-Key', async () => {
    ws.write('flows/intake.flow.json', chainFlow('intake', [
      ['hook', 'trigger.webhook'],
      ['erp', 'http.request', { method: 'POST', url: receiverUrl, body: '{ "order": order }', concurrency: 16 }],
    ]));
    const port = await freePort();
    const hook = `http://127.0.0.1:${port}/hooks/intake/hook`;
    let server = serve(port);

    let acknowledged = 0;
    const deadline = Date.now() + 120_000;
    const send = async (n: number): Promise<void> => {
      for (let attempt = 0; Date.now() < deadline; attempt++) {
        try {
          const answer = await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `order-${n}` }, body: JSON.stringify({ order: `O-${n}` }) });
          await answer.arrayBuffer();
          if (answer.status === 200 || answer.status === 202) {
            acknowledged += 1;
            return;
          }
        } catch {
          // The server is down or restarting: send again.
        }
        await pause(Math.min(500, 20 * (attempt + 1)));
      }
      throw new Error(`order ${n} was never acknowledged`);
    };
    let next = 0;
    const clients = Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (next < ORDERS) await send(next++);
    }));

    // Kill the server once a good part of the orders is in, and start it again on the same port.
    while (acknowledged < ORDERS * 0.4 && Date.now() < deadline) await pause(20);
    server.child.kill('SIGKILL');
    expect((await server.ended).signal).toBe('SIGKILL');
    server = serve(port);
    await clients;
    expect(acknowledged).toBe(ORDERS);

    while (seen.size < ORDERS && Date.now() < deadline) await pause(50);
    server.child.kill('SIGTERM');
    const stopped = await server.ended;
    expect(stopped.code, stopped.stderr).toBe(0);

    expect(seen.size).toBe(ORDERS);
    const underSeveralKeys = [...seen].filter(([, keys]) => keys.size !== 1).map(([order]) => order);
    expect(underSeveralKeys).toEqual([]);
  }, 150_000);
});
