// Credentials in the designer, end to end: Chromium against the real `pipewright serve`, whose secrets go
// to the encrypted file (PIPEWRIGHT_SECRETS_KEY in its environment, so no keychain is needed). A user
// creates a bearer credential, sees it listed, tests it against a loopback API, picks it in an HTTP
// request node and saves the flow — and the secret is nowhere in the page or in what the server sent.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumCheck, openSession, type E2eSession } from './harness.js';
import { CredentialsDialog } from './pages/credentials-dialog.js';
import { DesignerPage } from './pages/designer-page.js';

const SECRET = `e2e-token-${randomBytes(12).toString('hex')}`;

describe.skipIf(!chromiumCheck.present).sequential('credentials in the designer', () => {
  let session: E2eSession;
  let designer: DesignerPage;
  let credentials: CredentialsDialog;
  let api: Server;
  const responses: string[] = [];

  beforeAll(async () => {
    // The server inherits this process's environment (test files run in their own workers).
    process.env.PIPEWRIGHT_SECRETS_KEY = randomBytes(32).toString('base64');
    api = createServer((request, response) => {
      response.writeHead(request.headers.authorization === `Bearer ${SECRET}` ? 200 : 401, { 'content-type': 'application/json' });
      response.end('{}');
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    session = await openSession();
    designer = new DesignerPage(session.page, session.server.url, session.server.token);
    credentials = new CredentialsDialog(session.page);
    session.page.on('response', (response) => {
      if (response.url().includes('/api/')) void response.text().then((text) => responses.push(text), () => undefined);
    });
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await new Promise((resolve) => api?.close(resolve));
  });

  it('creates a credential, tests it, chooses it in an HTTP request node, and never shows the secret again', async () => {
    await designer.open();
    await designer.flows.create('calls', 'Calls');
    await designer.dragFromPalette('HTTP request', { x: 400, y: 200 });
    await designer.node('httpRequest').waitFor();

    await credentials.open();
    await credentials.list.getByText(/No credentials yet/).waitFor();
    await credentials.create({ name: 'erp-api', type: 'Bearer token', secretLabel: 'Token', secret: SECRET });
    await expect.poll(() => credentials.row('erp-api').innerText()).toMatch(/erp-api\s+Bearer token\s+stored/);
    // The form keeps no copy: the secret field is empty after the save, with a word on how to keep it.
    const edit = credentials.editForm('erp-api');
    expect(await edit.getByLabel('Token', { exact: true }).inputValue()).toBe('');
    await edit.getByText('Leave empty to keep the saved secret.').waitFor();
    expect(await session.page.content()).not.toContain(SECRET);

    const base = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    expect(await credentials.test('erp-api', `${base}/me`)).toMatch(/^OK — HTTP 200 in \d+ ms/);
    await credentials.close();

    await designer.select('httpRequest');
    const picker = designer.inspector.root.getByLabel('Credential', { exact: true });
    await expect.poll(() => picker.locator('option').allInnerTexts()).toEqual(['(none)', 'erp-api (Bearer token)']);
    await picker.selectOption('erp-api');
    await designer.save('calls');

    const saved = JSON.parse(readFileSync(join(session.workspace, 'flows', 'calls.flow.json'), 'utf8')) as { nodes: Array<{ config: Record<string, unknown> }> };
    expect(saved.nodes[0]?.config.credential).toBe('erp-api');

    // Reload: everything the designer now knows comes from the server again.
    await designer.reload();
    await credentials.open();
    await credentials.row('erp-api').waitFor();
    const page = await session.page.content();
    expect(page).not.toContain(SECRET);
    expect(responses.length).toBeGreaterThan(5);
    expect(responses.filter((text) => text.includes(SECRET))).toEqual([]);
    for (const file of ['flows/calls.flow.json', 'credentials.json']) expect(readIfThere(join(session.workspace, file))).not.toContain(SECRET);
    expect(session.pageErrors).toEqual([]);
  }, 120_000);

  it('creates a credential from a node\'s Credential field, and that node then uses it', async () => {
    await credentials.close();
    await designer.select('httpRequest');
    await designer.inspector.root.getByRole('button', { name: 'New credential…', exact: true }).click();
    await credentials.root.waitFor();
    await credentials.fillNew({ name: 'shop', type: 'Basic auth', fields: { Username: 'ada' }, secretLabel: 'Password', secret: `${SECRET}-2` });
    await credentials.close();
    const picker = designer.inspector.root.getByLabel('Credential', { exact: true });
    await expect.poll(() => picker.inputValue()).toBe('shop');
    await designer.unsavedMark.waitFor();
    expect(session.pageErrors).toEqual([]);
  }, 60_000);
});

function readIfThere(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
