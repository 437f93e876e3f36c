// Deploy to server… end to end: Chromium on a designer served by one `pipewright serve`, deploying to a
// second `pipewright serve` on another port of 127.0.0.1. The designer's server keeps the added
// server's token in its OS keychain (a private Secret Service here, test/support/secret-service.ts).
// The user adds the server with its token, deploys the open flow and sees "new", deploys again and sees
// "unchanged", then pauses it there (its webhook answers 503) and resumes it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireSecretService, startSecretService, type SecretService } from '../support/secret-service.js';
import { chromiumCheck, openSession, startServer, type E2eSession, type RunningServer } from './harness.js';
import { DeployDialog } from './pages/deploy-dialog.js';
import { DesignerPage } from './pages/designer-page.js';

const keychain = requireSecretService();

const ordersFlow = {
  format: 'pipewright/flow@1', id: 'orders', name: 'Orders in',
  nodes: [
    { id: 'hook', type: 'trigger.webhook', position: [0, 0], config: {} },
    { id: 'shape', type: 'transform.map', position: [260, 0], config: { expression: '{ "order": id }' } },
  ],
  edges: [{ from: 'hook', to: 'shape' }],
};

describe.skipIf(!chromiumCheck.present || !keychain.present).sequential('deploying from the designer', () => {
  let secrets: SecretService;
  let session: E2eSession;
  let target: RunningServer;
  let targetWorkspace: string;
  let designer: DesignerPage;
  let dialog: DeployDialog;

  beforeAll(async () => {
    secrets = await startSecretService();
    // The designer's `pipewright serve` inherits this process's environment: it reaches this keychain.
    secrets.use();
    targetWorkspace = mkdtempSync(join(tmpdir(), 'pipewright-e2e-target-'));
    session = await openSession();
    target = await startServer(targetWorkspace);
    writeFileSync(join(session.workspace, 'flows', 'orders.flow.json'), `${JSON.stringify(ordersFlow, null, 2)}\n`);
    designer = new DesignerPage(session.page, session.server.url, session.server.token);
    dialog = new DeployDialog(session.page);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await target?.stop();
    await secrets?.stop();
    if (targetWorkspace) rmSync(targetWorkspace, { recursive: true, force: true });
  });

  const targetBase = (): string => target.url.replace(/\/$/, '');

  it('adds a server, deploys the open flow there ("new"), then again ("unchanged")', async () => {
    await designer.open('orders');
    await dialog.open();
    await dialog.addServer(targetBase(), target.token);
    expect(await dialog.server.inputValue()).toBe(targetBase());
    expect(await dialog.flow('orders').isChecked()).toBe(true);

    await dialog.deploy();
    await dialog.results.getByText('orders: new (version 1)').waitFor();
    const posted = await fetch(`${targetBase()}/hooks/orders/hook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"A-1"}' });
    expect(posted.status).toBe(202);

    await dialog.deploy();
    await dialog.results.getByText('orders: unchanged (version 1)').waitFor();
    expect(session.pageErrors).toEqual([]);
  });

  it('pauses the deployed flow on the server and resumes it', async () => {
    await dialog.root.getByRole('button', { name: 'Pause orders', exact: true }).click();
    await dialog.root.getByRole('button', { name: 'Resume orders', exact: true }).waitFor();
    expect((await fetch(`${targetBase()}/hooks/orders/hook`, { method: 'POST', body: '{}' })).status).toBe(503);
    await dialog.root.getByRole('button', { name: 'Resume orders', exact: true }).click();
    await dialog.root.getByRole('button', { name: 'Pause orders', exact: true }).waitFor();
    expect((await fetch(`${targetBase()}/hooks/orders/hook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"A-2"}' })).status).toBe(202);
  });

  it('remembers the server when the dialog opens again, and the token stays out of the page', async () => {
    await dialog.close();
    await dialog.open();
    expect(await dialog.server.inputValue()).toBe(targetBase());
    expect(await session.page.content()).not.toContain(target.token);
  });
});
