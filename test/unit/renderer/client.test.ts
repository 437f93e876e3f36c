import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, WorkspaceInfo } from '../../../shared/api/index.js';
import { PipewrightError } from '../../../shared/errors.js';
import { createHttpClient, type EventSourceLike } from '../../../renderer/src/api/client.js';
import { createMemoryClient } from '../../../renderer/src/api/memory-client.js';

const info: WorkspaceInfo = { path: '/w', name: 'w', flowsFolder: '/w/flows', flowCount: 0, version: '0.1.0' };

describe('memory client', () => {
  it('answers from the handlers it was given, JSON round-tripped', async () => {
    const client = createMemoryClient({ 'workspace.info': async () => info });
    const answer = await client.send('workspace.info', {});
    expect(answer).toEqual(info);
    expect(answer).not.toBe(info);
  });

  it('fails with NOT_IMPLEMENTED for a missing method and INVALID_PARAMS for bad params', async () => {
    const client = createMemoryClient({ 'flows.get': async () => { throw new Error('unreachable'); } });
    await expect(client.send('flows.list', {})).rejects.toMatchObject({ code: 'NOT_IMPLEMENTED' });
    // @ts-expect-error -- a wrong param type, as a buggy caller would send it
    await expect(client.send('flows.get', { id: 42 })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });

  it('delivers emitted events to subscribers until they unsubscribe', () => {
    const client = createMemoryClient();
    const seen: ApiEvent[] = [];
    const stop = client.subscribe((event) => seen.push(event));
    const event: ApiEvent = { type: 'run.started', runId: 'r1', flowId: 'f', kind: 'test' } as ApiEvent;
    client.emit(event);
    stop();
    client.emit(event);
    expect(seen).toEqual([event]);
  });
});

describe('HTTP client', () => {
  let server: Server;
  let baseUrl = '';
  const requests: Array<{ url: string | undefined; auth: string | undefined; body: string }> = [];

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        requests.push({ url: request.url, auth: request.headers.authorization, body });
        response.setHeader('content-type', 'application/json');
        if (request.headers.authorization !== 'Bearer secret') {
          response.statusCode = 401;
          response.end('Unauthorized');
        } else if (request.url === '/api/rpc/workspace.info') {
          response.end(JSON.stringify({ ok: true, result: info }));
        } else if (request.url === '/api/rpc/flows.get') {
          response.statusCode = 404;
          response.end(JSON.stringify({ ok: false, error: { code: 'FLOW_NOT_FOUND', message: 'no flow "x"', location: { path: 'id' } } }));
        } else {
          response.statusCode = 500;
          response.end(JSON.stringify({ error: { code: 'INTERNAL', message: 'boom' } }));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts params to /api/rpc/<method> with the bearer token and returns the result', async () => {
    const client = createHttpClient({ baseUrl, token: 'secret' });
    expect(await client.send('workspace.info', {})).toEqual(info);
    expect(requests.at(-1)).toEqual({ url: '/api/rpc/workspace.info', auth: 'Bearer secret', body: '{}' });
  });

  it('throws the service\'s error with its code, message and location', async () => {
    const client = createHttpClient({ baseUrl, token: 'secret' });
    const error = await client.send('flows.get', { id: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipewrightError);
    expect((error as PipewrightError).toData()).toEqual({ code: 'FLOW_NOT_FOUND', message: 'no flow "x"', location: { path: 'id' } });
    await expect(client.send('flows.list', {})).rejects.toMatchObject({ code: 'INTERNAL', message: 'boom' });
  });

  it('explains a refused token and an unreachable server', async () => {
    await expect(createHttpClient({ baseUrl, token: 'wrong' }).send('workspace.info', {})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(createHttpClient({ baseUrl: 'http://127.0.0.1:1', token: 't' }).send('workspace.info', {})).rejects.toMatchObject({ code: 'NETWORK' });
  });

  it('subscribes to /api/events with the token, delivers named and unnamed events, and closes', () => {
    const listeners = new Map<string, (event: { data: string }) => void>();
    let openedUrl = '';
    let closed = false;
    const fake: EventSourceLike = {
      addEventListener: (type, listener) => listeners.set(type, listener),
      close: () => (closed = true),
      onerror: null,
    };
    const client = createHttpClient({ baseUrl: 'http://h:1', token: 'a b', eventSource: (url) => ((openedUrl = url), fake) });
    const seen: ApiEvent[] = [];
    const stop = client.subscribe((event) => seen.push(event));
    expect(openedUrl).toBe('http://h:1/api/events?token=a%20b');
    listeners.get('message')?.({ data: JSON.stringify({ type: 'log', runId: 'r', level: 'info', message: 'hi', at: 'now' }) });
    listeners.get('node.status')?.({ data: JSON.stringify({ type: 'node.status', runId: 'r', nodeId: 'n', status: 'ok', counts: {} }) });
    listeners.get('message')?.({ data: 'not json' });
    expect(seen.map((event) => event.type)).toEqual(['log', 'node.status']);
    stop();
    expect(closed).toBe(true);
  });
});
