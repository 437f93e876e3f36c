// The vault: which store the environment picks, the environment overlay, and what resolve/list/save/
// delete answer — including a store that cannot be reached.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { secretVariableOf } from '../../../main/credentials/environment-store.js';
import { openCredentialVault } from '../../../main/credentials/open-vault.js';
import { storeUnavailable } from '../../../main/credentials/store-errors.js';
import type { SecretStore } from '../../../main/credentials/types.js';
import { WorkspaceVault } from '../../../main/credentials/vault.js';
import { PipewrightError } from '../../../shared/errors.js';

const KEY = 'cd'.repeat(32);
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pipewright-vault-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function rejection(promise: Promise<unknown>): Promise<PipewrightError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PipewrightError);
  return error as PipewrightError;
}

describe('openCredentialVault', () => {
  it('picks the encrypted file when PIPEWRIGHT_SECRETS_KEY is set, the environment on request, else the keychain', () => {
    expect(openCredentialVault(dir, { PIPEWRIGHT_SECRETS_KEY: KEY }).store.kind).toBe('encrypted-file');
    expect(openCredentialVault(dir, { PIPEWRIGHT_SECRET_STORE: 'environment' }).store.kind).toBe('environment');
    expect(openCredentialVault(dir, {}).store.kind).toBe('keychain');
  });

  it('says what is wrong with the store settings', () => {
    expect(() => openCredentialVault(dir, { PIPEWRIGHT_SECRET_STORE: 'vault' })).toThrow(/PIPEWRIGHT_SECRET_STORE="vault" is not a secret store: use keychain, encrypted-file or environment/);
    expect(() => openCredentialVault(dir, { PIPEWRIGHT_SECRET_STORE: 'encrypted-file' })).toThrow(/set PIPEWRIGHT_SECRETS_KEY/);
  });

  it('writes the encrypted file where PIPEWRIGHT_SECRETS_FILE says, relative to the workspace', async () => {
    await openCredentialVault(dir, { PIPEWRIGHT_SECRETS_KEY: KEY, PIPEWRIGHT_SECRETS_FILE: 'secrets/server.enc' }).save({ name: 'a', type: 'bearer', fields: {} }, 'tok');
    expect(existsSync(join(dir, 'secrets/server.enc'))).toBe(true);
    expect(existsSync(join(dir, '.pipewright/secrets.enc'))).toBe(false);
  });
});

describe('vault on the encrypted file', () => {
  it('saves, lists, resolves and deletes a credential', async () => {
    const vault = openCredentialVault(dir, { PIPEWRIGHT_SECRETS_KEY: KEY });
    const saved = await vault.save({ name: 'erp-api', type: 'apiKey', fields: { in: 'header', name: 'X-API-Key' } }, 'k-1');
    expect(saved).toMatchObject({ name: 'erp-api', hasSecret: true, store: 'encrypted-file' });
    expect(saved.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await vault.resolve('erp-api')).toEqual({ definition: { name: 'erp-api', type: 'apiKey', fields: { in: 'header', name: 'X-API-Key' } }, secret: 'k-1' });
    await vault.save({ name: 'erp-api', type: 'apiKey', fields: { in: 'query', name: 'api_key' } }, 'k-2');
    expect((await vault.resolve('erp-api')).secret).toBe('k-2');
    // A save without a secret keeps the stored one.
    await vault.save({ name: 'erp-api', type: 'apiKey', fields: { in: 'query', name: 'key' } });
    expect(await vault.resolve('erp-api')).toMatchObject({ secret: 'k-2', definition: { fields: { name: 'key' } } });
    expect(await vault.delete('erp-api')).toBe(true);
    expect(await vault.delete('erp-api')).toBe(false);
    expect(await vault.list()).toEqual([]);
  });

  it('names the credential and the command that fixes it when resolve fails', async () => {
    const vault = openCredentialVault(dir, { PIPEWRIGHT_SECRETS_KEY: KEY });
    const missing = await rejection(vault.resolve('ghost'));
    expect(missing.code).toBe('CREDENTIAL_NOT_FOUND');
    expect(missing.message).toContain('credential "ghost" is not defined in this workspace');
    expect(missing.message).toContain('pipewright credentials set ghost --type TYPE');
    await vault.save({ name: 'erp-basic', type: 'basic', fields: { username: 'ada' } });
    const noSecret = await rejection(vault.resolve('erp-basic'));
    expect(noSecret.code).toBe('CREDENTIAL_SECRET_MISSING');
    expect(noSecret.message).toContain('`pipewright credentials set erp-basic --type basic`');
    expect(noSecret.message).toContain('PIPEWRIGHT_SECRET_ERP_BASIC');
  });

  it('lets PIPEWRIGHT_SECRET_<NAME> win over the file on reads', async () => {
    await openCredentialVault(dir, { PIPEWRIGHT_SECRETS_KEY: KEY }).save({ name: 'erp.api', type: 'bearer', fields: {} }, 'from-file');
    await openCredentialVault(dir, { PIPEWRIGHT_SECRETS_KEY: KEY }).save({ name: 'other', type: 'bearer', fields: {} }, 'other-file');
    const vault = openCredentialVault(dir, { PIPEWRIGHT_SECRETS_KEY: KEY, PIPEWRIGHT_SECRET_ERP_API: 'from-env' });
    expect((await vault.resolve('erp.api')).secret).toBe('from-env');
    expect((await vault.resolve('other')).secret).toBe('other-file');
    expect((await vault.list()).map((c) => [c.name, c.store, c.hasSecret])).toEqual([
      ['erp.api', 'environment', true],
      ['other', 'encrypted-file', true],
    ]);
  });

  it('checks the definition and refuses an empty secret', async () => {
    const vault = openCredentialVault(dir, { PIPEWRIGHT_SECRETS_KEY: KEY });
    const invalid = await rejection(vault.save({ name: 'o', type: 'oauth2ClientCredentials', fields: { tokenUrl: 'ftp://x', clientId: 'c' } }, 's'));
    expect(invalid.code).toBe('CREDENTIAL_INVALID');
    expect(invalid.problems?.[0]?.path).toBe('fields.tokenUrl');
    expect((await rejection(vault.save({ name: 'b', type: 'bearer', fields: {} }, ''))).code).toBe('CREDENTIAL_SECRET_EMPTY');
    expect(await vault.list()).toEqual([]);
  });
});

describe('vault on the environment', () => {
  it('reads PIPEWRIGHT_SECRET_<NAME> and says to change the environment to save one', async () => {
    expect(secretVariableOf('erp-api.v2')).toBe('PIPEWRIGHT_SECRET_ERP_API_V2');
    const vault = openCredentialVault(dir, { PIPEWRIGHT_SECRET_STORE: 'environment', PIPEWRIGHT_SECRET_ERP_API: 'tok' });
    await vault.save({ name: 'erp-api', type: 'bearer', fields: {} });
    expect(await vault.resolve('erp-api')).toMatchObject({ secret: 'tok' });
    expect(await vault.list()).toMatchObject([{ name: 'erp-api', hasSecret: true, store: 'environment' }]);
    const readOnly = await rejection(vault.save({ name: 'erp-api', type: 'bearer', fields: {} }, 'new'));
    expect(readOnly.code).toBe('SECRET_STORE_READ_ONLY');
    expect(readOnly.message).toContain('set PIPEWRIGHT_SECRET_ERP_API in the environment');
    expect(readOnly.message).not.toContain('new');
    const missing = await rejection(openCredentialVault(dir, { PIPEWRIGHT_SECRET_STORE: 'environment' }).resolve('erp-api'));
    expect(missing.message).toContain('set PIPEWRIGHT_SECRET_ERP_API in the environment');
    expect(await vault.delete('erp-api')).toBe(true);
  });
});

describe('vault with a store that cannot be reached', () => {
  const unreachable: SecretStore = {
    kind: 'keychain',
    get: () => Promise.reject(storeUnavailable('cannot read the secret in the OS keychain (no bus): start a Secret Service')),
    set: () => Promise.reject(storeUnavailable('cannot save (no bus)')),
    delete: () => Promise.reject(storeUnavailable('cannot delete (no bus)')),
  };

  it('still lists the definitions, with the store error beside them', async () => {
    await openCredentialVault(dir, { PIPEWRIGHT_SECRET_STORE: 'environment' }).save({ name: 'erp', type: 'bearer', fields: {} });
    const vault = new WorkspaceVault(dir, unreachable, 'the OS keychain');
    const listing = await vault.inspect();
    expect(listing.credentials).toMatchObject([{ name: 'erp', hasSecret: false, store: 'keychain' }]);
    expect(listing.storeError?.code).toBe('SECRET_STORE_UNAVAILABLE');
    expect(await vault.list()).toMatchObject([{ name: 'erp', hasSecret: false }]);
  });

  it('fails resolve, save with a secret and delete with SECRET_STORE_UNAVAILABLE and changes nothing', async () => {
    await openCredentialVault(dir, { PIPEWRIGHT_SECRET_STORE: 'environment' }).save({ name: 'erp', type: 'bearer', fields: {} });
    const vault = new WorkspaceVault(dir, unreachable, 'the OS keychain');
    expect((await rejection(vault.resolve('erp'))).code).toBe('SECRET_STORE_UNAVAILABLE');
    expect((await rejection(vault.save({ name: 'new', type: 'bearer', fields: {} }, 'x'))).code).toBe('SECRET_STORE_UNAVAILABLE');
    expect((await rejection(vault.delete('erp'))).code).toBe('SECRET_STORE_UNAVAILABLE');
    expect((await vault.inspect()).credentials.map((c) => c.name)).toEqual(['erp']);
  });
});
