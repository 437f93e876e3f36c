// credentials.status through the service: a keychain that cannot be reached is reported with the
// store's message (credentials.list alone would only show every secret as not set), and a store that
// answers is reported as available. With no credential to read, the store is probed, so that a server
// without a keychain says so before the first credential's form is filled in.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createService, dispatch, type Service } from '../../../main/api/index.js';
import { openCredentialVault } from '../../../main/credentials/open-vault.js';

const opened: Array<{ dir: string; service: Service }> = [];

function serviceWith(env: Record<string, string>, definitions?: unknown): Service {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-credentials-status-'));
  mkdirSync(join(dir, 'flows'));
  if (definitions !== undefined) writeFileSync(join(dir, 'credentials.json'), JSON.stringify(definitions));
  const service = createService({ workspace: dir, credentials: openCredentialVault(dir, env) });
  opened.push({ dir, service });
  return service;
}

afterEach(async () => {
  for (const { dir, service } of opened.splice(0)) {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('credentials.status', () => {
  describe('with a keychain that cannot be reached', () => {
    // A socket that does not exist, so no real session's keychain is ever touched (this test file runs
    // in its own process; the keychain library reads the variable when it connects).
    const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
    beforeAll(() => {
      process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/pipewright-test-bus';
    });
    afterAll(() => {
      if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
      else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
    });

    it('says the store is unavailable and why, while the list still shows the definitions', async () => {
      const service = serviceWith({}, { format: 'pipewright.credentials', version: 1, workspaceId: '0123abcd-0000-4000-8000-000000000000', credentials: [{ name: 'erp-api', type: 'bearer', fields: {} }] });
      expect(await dispatch(service, 'credentials.list', {})).toEqual([expect.objectContaining({ name: 'erp-api', hasSecret: false, store: 'keychain' })]);
      expect(await dispatch(service, 'credentials.status', {})).toMatchObject({ store: 'keychain', available: false });
      const status = await service['credentials.status']({});
      expect(status).toMatchObject({ store: 'keychain', available: false });
      expect(status.message).toMatch(/^cannot read the secret of "erp-api" in the OS keychain \(.+\): /);
      expect(status.message).toContain('set PIPEWRIGHT_SECRETS_KEY to use the encrypted file store');
    });

    it('says so before the first credential exists, without writing credentials.json', async () => {
      const service = serviceWith({});
      const status = await service['credentials.status']({});
      expect(status).toMatchObject({ store: 'keychain', available: false });
      expect(status.message).toMatch(/^cannot reach the OS keychain \(.+\): /);
      expect(status.message).toContain('set PIPEWRIGHT_SECRETS_KEY to use the encrypted file store');
      expect(existsSync(join(opened.at(-1)?.dir ?? '', 'credentials.json'))).toBe(false);
    });
  });

  it('says the encrypted file store is available', async () => {
    const service = serviceWith({ PIPEWRIGHT_SECRETS_KEY: randomBytes(32).toString('base64') });
    await service['credentials.save']({ credential: { name: 'erp-api', type: 'bearer', fields: {} }, secret: 'tok-status' });
    expect(await dispatch(service, 'credentials.status', {})).toEqual({ store: 'encrypted-file', available: true });
  });

  it('refuses parameters it does not take', async () => {
    const service = serviceWith({ PIPEWRIGHT_SECRETS_KEY: randomBytes(32).toString('base64') });
    await expect(dispatch(service, 'credentials.status', { name: 'x' })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });
});
