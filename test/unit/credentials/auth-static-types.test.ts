// API key, basic and bearer authorizers, and the provider that hands them out: what each adds to a
// request, which values it registers for redaction, and that a 401 is not worth a retry for them.
import { describe, expect, it } from 'vitest';
import type { CredentialDefinition } from '../../../shared/credentials/definition.js';
import { createCredentialProvider } from '../../../main/credentials/provider.js';
import { REDACTED, type OutgoingRequest } from '../../../main/credentials/types.js';
import { memoryVault } from '../../integration/credentials/memory-vault.js';

const definitions: Array<{ definition: CredentialDefinition; secret: string }> = [
  { definition: { name: 'key-header', type: 'apiKey', fields: { in: 'header', name: 'X-API-Key', prefix: 'Token ' } }, secret: 'key-header-secret' },
  { definition: { name: 'key-query', type: 'apiKey', fields: { in: 'query', name: 'api_key' } }, secret: 'key query/secret' },
  { definition: { name: 'basic', type: 'basic', fields: { username: 'erp-user' } }, secret: 'basic-password' },
  { definition: { name: 'bearer', type: 'bearer', fields: {} }, secret: 'bearer-token-value' },
];

function outgoing(url = 'https://api.example/orders?page=2'): OutgoingRequest {
  return { url: new URL(url), headers: { 'content-type': 'application/json', authorization: 'Bearer set-by-the-node' } };
}

describe('static credential authorizers', () => {
  it('puts an API key in its header, after the prefix', async () => {
    const provider = createCredentialProvider(memoryVault(definitions));
    const request = outgoing();
    await (await provider.authorizer('key-header')).apply(request);
    expect(request.headers['x-api-key']).toBe('Token key-header-secret');
    expect(request.url.search).toBe('?page=2');
  });

  it('puts an API key in a query parameter, encoded, keeping the others', async () => {
    const provider = createCredentialProvider(memoryVault(definitions));
    const request = outgoing();
    await (await provider.authorizer('key-query')).apply(request);
    expect(request.url.searchParams.get('api_key')).toBe('key query/secret');
    expect(request.url.searchParams.get('page')).toBe('2');
    expect(provider.redactor.redact(request.url.href)).toBe(`https://api.example/orders?page=2&api_key=${REDACTED}`);
  });

  it('sends basic credentials as base64 and redacts the encoded header too', async () => {
    const provider = createCredentialProvider(memoryVault(definitions));
    const request = outgoing();
    await (await provider.authorizer('basic')).apply(request);
    const encoded = Buffer.from('erp-user:basic-password').toString('base64');
    expect(request.headers.authorization).toBe(`Basic ${encoded}`);
    expect(provider.redactor.redact(`echo: Basic ${encoded}`)).toBe(`echo: Basic ${REDACTED}`);
  });

  it('sends a bearer token, replacing an Authorization header the node set', async () => {
    const provider = createCredentialProvider(memoryVault(definitions));
    const request = outgoing();
    await (await provider.authorizer('bearer')).apply(request);
    expect(request.headers.authorization).toBe('Bearer bearer-token-value');
  });

  it('does not ask for a retry after a 401 with a static secret', async () => {
    const provider = createCredentialProvider(memoryVault(definitions));
    for (const { definition } of definitions) expect((await provider.authorizer(definition.name)).invalidate()).toBe(false);
  });
});

describe('credential provider', () => {
  it('resolves each name once and reuses its authorizer', async () => {
    const vault = memoryVault(definitions);
    const provider = createCredentialProvider(vault);
    const [a, b] = await Promise.all([provider.authorizer('bearer'), provider.authorizer('bearer')]);
    expect(a).toBe(b);
    expect(await provider.authorizer('bearer')).toBe(a);
    expect(vault.resolved.get('bearer')).toBe(1);
  });

  it('registers every secret it hands out, and none before', async () => {
    const provider = createCredentialProvider(memoryVault(definitions));
    expect(provider.redactor.active).toBe(false);
    await provider.authorizer('key-header');
    expect(provider.redactor.redact('x key-header-secret x')).toBe(`x ${REDACTED} x`);
    expect(provider.redactor.redact('bearer-token-value')).toBe('bearer-token-value');
  });

  it('passes on the vault\'s clear error for an unknown name and tries again next time', async () => {
    const vault = memoryVault(definitions);
    const provider = createCredentialProvider(vault);
    await expect(provider.authorizer('nope')).rejects.toMatchObject({ code: 'CREDENTIAL_NOT_FOUND', message: expect.stringContaining('"nope"') as unknown });
    await expect(provider.authorizer('nope')).rejects.toMatchObject({ code: 'CREDENTIAL_NOT_FOUND' });
    expect(vault.resolved.get('nope')).toBe(2);
  });

  it('opens a lazily given vault only when a credential is asked for, and again after a failed open', async () => {
    let opened = 0;
    const provider = createCredentialProvider(() => {
      opened += 1;
      if (opened === 1) throw new Error('no keychain reachable');
      return memoryVault(definitions);
    });
    expect(opened).toBe(0);
    await expect(provider.authorizer('bearer')).rejects.toThrow('no keychain reachable');
    await provider.authorizer('bearer');
    await provider.authorizer('basic');
    expect(opened).toBe(2);
  });

  it('forgets a cached authorizer so a changed secret is picked up', async () => {
    const vault = memoryVault(definitions);
    const provider = createCredentialProvider(vault);
    await provider.authorizer('bearer');
    await vault.store.set('bearer', 'rotated-bearer-token');
    provider.forget('bearer');
    const request = outgoing();
    await (await provider.authorizer('bearer')).apply(request);
    expect(request.headers.authorization).toBe('Bearer rotated-bearer-token');
  });
});
