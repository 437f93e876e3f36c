// The OS keychain store with a real Secret Service (gnome-keyring on a private session bus, see
// test/support/secret-service.ts): through the vault in this process and through the spawned
// `pipewright credentials` command; and the clear error when no keychain can be reached.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCredentialVault } from '../../../main/credentials/open-vault.js';
import { hasStackTrace, stdoutJson, Workspace } from '../cli/cli-harness.js';
import { requireSecretService, startSecretService, type SecretService } from '../../support/secret-service.js';

const secretService = requireSecretService();
const secret = (label: string): string => `${label}-${randomBytes(10).toString('hex')}`;

describe.skipIf(!secretService.present)('keychain store on a Secret Service', () => {
  let service: SecretService;
  const workspaces: Workspace[] = [];
  const workspace = (): Workspace => {
    const ws = new Workspace('pipewright-keychain-');
    workspaces.push(ws);
    return ws;
  };

  beforeAll(async () => {
    service = await startSecretService();
    service.use();
  });
  afterAll(async () => {
    for (const ws of workspaces) ws.remove();
    await service?.stop();
  });

  it('saves, reads back, updates and deletes a secret through the vault', async () => {
    const ws = workspace();
    const vault = openCredentialVault(ws.dir, {});
    const first = secret('tok');
    const saved = await vault.save({ name: 'erp-api', type: 'bearer', fields: {} }, first);
    expect(saved).toMatchObject({ name: 'erp-api', hasSecret: true, store: 'keychain' });
    // A second vault on the same workspace (another process, later) finds it.
    expect((await openCredentialVault(ws.dir, {}).resolve('erp-api')).secret).toBe(first);
    const second = secret('tok');
    await vault.save({ name: 'erp-api', type: 'bearer', fields: {} }, second);
    expect((await vault.resolve('erp-api')).secret).toBe(second);
    const text = readFileSync(ws.path('credentials.json'), 'utf8');
    expect(text).not.toContain(first);
    expect(text).not.toContain(second);
    expect(await vault.delete('erp-api')).toBe(true);
    expect(await vault.list()).toEqual([]);
    expect(await vault.store.get('erp-api')).toBeUndefined();
  });

  it('answers a probe on an empty workspace without giving it an id or writing a file', async () => {
    const ws = workspace();
    const vault = openCredentialVault(ws.dir, {});
    await expect(vault.store.probe?.()).resolves.toBeUndefined();
    expect(existsSync(ws.path('credentials.json'))).toBe(false);
  });

  it('keeps same-named credentials of two workspaces apart', async () => {
    const [a, b] = [openCredentialVault(workspace().dir, {}), openCredentialVault(workspace().dir, {})];
    await a.save({ name: 'shared-name', type: 'bearer', fields: {} }, 'secret-of-a');
    await b.save({ name: 'shared-name', type: 'bearer', fields: {} }, 'secret-of-b');
    expect((await a.resolve('shared-name')).secret).toBe('secret-of-a');
    expect((await b.resolve('shared-name')).secret).toBe('secret-of-b');
    await a.delete('shared-name');
    expect((await b.resolve('shared-name')).secret).toBe('secret-of-b');
  });

  it('sets, lists, updates and deletes with `pipewright credentials`, the secret piped on stdin', async () => {
    const ws = workspace();
    const env = service.env;
    const password = secret('pw');
    const added = await ws.run(['credentials', 'set', 'erp-basic', '--type', 'basic', '--username', 'ada'], { env, stdin: `${password}\n` });
    expect(added.stderr).toBe('');
    expect(added.stdout).toBe('added credential erp-basic (basic): secret saved in the OS keychain\n');
    expect(added.code).toBe(0);
    // What the command stored is what this process's vault reads (one trailing newline dropped).
    expect((await openCredentialVault(ws.dir, {}).resolve('erp-basic')).secret).toBe(password);

    const newPassword = secret('pw2');
    const updated = await ws.run(['credentials', 'set', 'erp-basic', '--username', 'grace'], { env, stdin: newPassword });
    expect(updated.stdout).toBe('updated credential erp-basic (basic): secret saved in the OS keychain\n');
    expect(await openCredentialVault(ws.dir, {}).resolve('erp-basic')).toEqual({ definition: { name: 'erp-basic', type: 'basic', fields: { username: 'grace' } }, secret: newPassword });

    const [table, json] = await Promise.all([ws.run(['credentials', 'list'], { env }), ws.run(['credentials', 'list', '--json'], { env })]);
    expect(table.stdout).toMatch(/^NAME +TYPE +STORE +SECRET +UPDATED\nerp-basic +basic +keychain +yes +\d{4}-/);
    expect(stdoutJson(json)).toMatchObject([{ name: 'erp-basic', type: 'basic', fields: { username: 'grace' }, hasSecret: true, store: 'keychain' }]);
    for (const output of [table.stdout, table.stderr, json.stdout, json.stderr]) {
      expect(output).not.toContain(password);
      expect(output).not.toContain(newPassword);
    }

    const deleted = await ws.run(['credentials', 'delete', 'erp-basic'], { env });
    expect(deleted.stdout).toBe('deleted credential erp-basic\n');
    expect(await openCredentialVault(ws.dir, {}).store.get('erp-basic')).toBeUndefined();
  });
});

describe('keychain store without a Secret Service', () => {
  // Points at a socket that does not exist, so no real session's keychain is ever touched. A secrets key
  // in the developer's environment would pick the file store: spawn drops variables set to undefined.
  const env = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/pipewright-test-bus', PIPEWRIGHT_SECRETS_KEY: undefined as unknown as string };
  const workspaces: Workspace[] = [];
  afterAll(() => workspaces.forEach((ws) => ws.remove()));

  it('says the keychain is unavailable and what to do, exit 2, without the secret', async () => {
    const ws = new Workspace('pipewright-nokeychain-');
    workspaces.push(ws);
    const token = secret('tok');
    const refused = await ws.run(['credentials', 'set', 'erp-api', '--type', 'bearer'], { env, stdin: token });
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    const lines = refused.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^pipewright: SECRET_STORE_UNAVAILABLE cannot save the secret of "erp-api" in the OS keychain \(.+\): /);
    expect(lines[0]).toContain('set PIPEWRIGHT_SECRETS_KEY to use the encrypted file store');
    if (process.platform === 'linux') expect(lines[0]).toContain('start a Secret Service (gnome-keyring or KWallet)');
    expect(refused.stderr).not.toContain(token);
    expect(hasStackTrace(refused.stderr)).toBe(false);
  });

  it('still lists the definitions, with a warning that the secrets cannot be checked', async () => {
    const ws = new Workspace('pipewright-nokeychain-');
    workspaces.push(ws);
    ws.write('credentials.json', { format: 'pipewright.credentials', version: 1, workspaceId: '0123abcd-0000-4000-8000-000000000000', credentials: [{ name: 'erp-api', type: 'bearer', fields: {} }] });
    const listed = await ws.run(['credentials', 'list'], { env });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^NAME +TYPE +STORE +SECRET +UPDATED\nerp-api +bearer +keychain +\? +-\n$/);
    expect(listed.stderr).toMatch(/^pipewright: warning: cannot tell which secrets are stored: SECRET_STORE_UNAVAILABLE /);
  });
});
