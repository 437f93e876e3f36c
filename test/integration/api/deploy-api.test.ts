// deploy.* — what the designer's Deploy to server… calls — with the real parts: the source workspace's
// service in this process, a private Secret Service keeping the added server's token (as the desktop's
// keychain or the serving process's would), and a target `pipewright serve` stack (service + HTTP
// server + live webhooks) on 127.0.0.1. A wrong token stores nothing; a deploy answers new, then
// unchanged, then updated; an invalid flow is refused with its problems and nothing is sent; a flow on
// the server is paused and resumed from here.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPipewrightError } from '../../../shared/errors.js';
import { createService, type Service } from '../../../main/api/index.js';
import { createEventHub, createServer, openTokenStore, WebhookRoutes, type PipewrightServer } from '../../../main/server/index.js';
import { requireSecretService, startSecretService, type SecretService } from '../../support/secret-service.js';

const keychain = requireSecretService();

const hookFlow = (expression: string): Record<string, unknown> => ({
  format: 'pipewright/flow@1', id: 'orders', name: 'Orders in',
  nodes: [
    { id: 'hook', type: 'trigger.webhook', position: [0, 0], config: {} },
    { id: 'shape', type: 'transform.map', position: [200, 0], config: { expression } },
  ],
  edges: [{ from: 'hook', to: 'shape' }],
});

describe.skipIf(!keychain.present)('deploying from the service to another server', () => {
  const here = mkdtempSync(join(tmpdir(), 'pipewright-deploy-api-here-'));
  const there = mkdtempSync(join(tmpdir(), 'pipewright-deploy-api-there-'));
  let secrets: SecretService;
  let source: Service;
  let target: { service: Service; server: PipewrightServer; token: string; url: string };

  beforeAll(async () => {
    secrets = await startSecretService();
    secrets.use();
    mkdirSync(join(here, 'flows'));
    mkdirSync(join(there, 'flows'));
    writeFileSync(join(here, 'flows', 'orders.flow.json'), JSON.stringify(hookFlow('{ "order": id }')));
    source = createService({ workspace: here });
    const webhooks = new WebhookRoutes();
    const events = createEventHub();
    const service = createService({ workspace: there, onEvent: events.publish, liveSources: { 'trigger.webhook': webhooks.source } });
    const tokens = openTokenStore(there, { reset: true });
    const server = await createServer({ service, events, tokenStore: tokens.store, port: 0, webhooks, log: () => undefined });
    await service.startLiveFlows();
    target = { service, server, token: tokens.createdToken ?? '', url: server.url.replace(/\/$/, '') };
  });
  afterAll(async () => {
    await target?.server.close();
    await target?.service.close();
    await source?.close();
    await secrets?.stop();
    rmSync(here, { recursive: true, force: true });
    rmSync(there, { recursive: true, force: true });
  });

  const codeOf = async (call: Promise<unknown>): Promise<string> => {
    try {
      await call;
    } catch (error) {
      if (isPipewrightError(error)) return `${error.code}: ${error.message}`;
      throw error;
    }
    return 'no error';
  };

  it('stores nothing for a token the server refuses, and remembers a server whose token it accepts', async () => {
    expect(await codeOf(source['deploy.addServer']({ url: target.url, token: 'pw_wrong' }))).toMatch(/^UNAUTHORIZED: http:\/\/127\.0\.0\.1:\d+ refused this token; nothing was stored/);
    expect(await source['deploy.servers']({})).toEqual([]);
    expect(await codeOf(source['deploy.flows']({ server: target.url, flowIds: ['orders'] }))).toMatch(/^SERVER_TOKEN_MISSING: no API token for http:\/\/127\.0\.0\.1:\d+ on this host/);

    const added = await source['deploy.addServer']({ url: `${target.url}/`, token: target.token });
    expect(added).toMatchObject({ url: target.url, version: expect.any(String) });
    expect(await source['deploy.servers']({})).toEqual([{ url: target.url }]);
    // Only the address is in the workspace; the token is in the keychain.
    expect(readFileSync(join(here, '.pipewright', 'deploy-servers.json'), 'utf8')).not.toContain(target.token);
  });

  it('deploys a flow: new, then unchanged, then updated to version 2, live at once on the server', async () => {
    expect(await source['deploy.flows']({ server: target.url, flowIds: ['orders'] })).toEqual({
      server: target.url, flows: [{ id: 'orders', change: 'new', version: 1 }], credentialsAdded: [], credentialsWithoutSecret: [],
    });
    expect((await source['deploy.flows']({ server: target.url, flowIds: ['orders'] })).flows).toEqual([{ id: 'orders', change: 'unchanged', version: 1 }]);
    writeFileSync(join(here, 'flows', 'orders.flow.json'), JSON.stringify(hookFlow('{ "order": id, "v": 2 }')));
    expect((await source['deploy.flows']({ server: target.url, flowIds: ['orders'] })).flows).toEqual([{ id: 'orders', change: 'updated', version: 2 }]);
    const posted = await fetch(`${target.url}/hooks/orders/hook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"A-1"}' });
    expect(posted.status).toBe(202);
  });

  it('refuses an invalid flow with its problems and sends none of the others', async () => {
    writeFileSync(join(here, 'flows', 'broken.flow.json'), JSON.stringify({ ...hookFlow('{ "a": '), id: 'broken', name: 'Broken' }));
    writeFileSync(join(here, 'flows', 'orders.flow.json'), JSON.stringify(hookFlow('{ "order": id, "v": 3 }')));
    const report = await source['deploy.flows']({ server: target.url, flowIds: ['orders', 'broken'] });
    expect(report.flows).toEqual([
      { id: 'orders', change: 'not-sent' },
      { id: 'broken', change: 'refused', problems: [expect.objectContaining({ code: 'JSONATA_SYNTAX', file: 'flows/broken.flow.json' })] },
    ]);
    expect((await target.service['flows.live']({})).map((state) => [state.flowId, state.version])).toEqual([['orders', 2]]);
  });

  it('pauses and resumes a flow on the server', async () => {
    expect(await source['deploy.pause']({ server: target.url, flowId: 'orders' })).toMatchObject({ flowId: 'orders', paused: { since: expect.any(String) } });
    expect((await source['deploy.remoteFlows']({ server: target.url })).find((state) => state.flowId === 'orders')?.paused).toBeDefined();
    expect((await fetch(`${target.url}/hooks/orders/hook`, { method: 'POST', body: '{}' })).status).toBe(503);
    expect(await source['deploy.resume']({ server: target.url, flowId: 'orders' })).toMatchObject({ flowId: 'orders', live: { version: 2 } });
  });
});
