// The credential store's view of the secret store: the list is shown with the store's status beside
// it, and a store that did not answer becomes a banner that says why.
import { describe, expect, it } from 'vitest';
import type { CredentialHandlers, CredentialSummary } from '../../../shared/api/index.js';
import { PipewrightError } from '../../../shared/errors.js';
import { createMemoryClient } from '../../../renderer/src/api/memory-client.js';
import { CredentialStore, storeUnavailableBanner } from '../../../renderer/src/credentials/credential-store.js';

const erpApi: CredentialSummary = { name: 'erp-api', type: 'bearer', fields: {}, hasSecret: false, store: 'keychain' };
const unreachable = 'cannot read the secret of "erp-api" in the OS keychain (no bus): set PIPEWRIGHT_SECRETS_KEY to use the encrypted file store';

describe('the credential store', () => {
  it('loads the secret store\'s status with the list', async () => {
    const handlers: Partial<CredentialHandlers> = {
      'credentials.list': async () => [erpApi],
      'credentials.status': async () => ({ store: 'keychain', available: false, message: unreachable }),
    };
    const store = new CredentialStore(createMemoryClient(handlers));
    await store.refresh();
    expect(store.getSnapshot()).toMatchObject({ phase: 'ready', items: [erpApi], storeStatus: { store: 'keychain', available: false, message: unreachable } });
    expect(storeUnavailableBanner(store.getSnapshot().storeStatus)).toBe(`Secrets can be neither read nor saved here: ${unreachable}`);
  });

  it('still shows the list when the status cannot be had', async () => {
    const handlers: Partial<CredentialHandlers> = {
      'credentials.list': async () => [erpApi],
      'credentials.status': async () => {
        throw new PipewrightError('SECRET_STORE_INVALID', 'no such store');
      },
    };
    const store = new CredentialStore(createMemoryClient(handlers));
    await store.refresh();
    expect(store.getSnapshot()).toMatchObject({ phase: 'ready', items: [erpApi] });
    expect(store.getSnapshot().storeStatus).toBeUndefined();
  });

  it('shows no banner while the store answers or nothing is known yet', () => {
    expect(storeUnavailableBanner(undefined)).toBeUndefined();
    expect(storeUnavailableBanner({ store: 'encrypted-file', available: true })).toBeUndefined();
    expect(storeUnavailableBanner({ store: 'keychain', available: false })).toBe('Secrets can be neither read nor saved here: the system keychain did not answer.');
  });
});
