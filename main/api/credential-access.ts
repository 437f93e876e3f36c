// How the service reaches the workspace's credentials: the vault (definitions + secret store), opened
// once on first use, the provider the engine runs with, and a fresh provider for each credentials.test.
// Opening lazily means a broken secret store (no keychain, no key in the environment) fails the calls
// that need it, with its own message, instead of the whole service start.
import { createCredentialProvider, type CachingCredentialProvider } from '../credentials/provider.js';
import type { CredentialProvider, CredentialVault } from '../credentials/types.js';

export interface CredentialAccess {
  vault(): Promise<CredentialVault>;
  /** What the engine authorizes its requests with; cached authorizers are dropped when a credential changes. */
  readonly engineProvider: CredentialProvider;
  /** A provider with nothing cached, so a test fetches a fresh OAuth2 token and uses the latest secret. */
  testProvider(vault: CredentialVault): CredentialProvider;
  /** Tells the engine's provider that `name` was saved or deleted. */
  changed(name: string): void;
}

export function lazyCredentialAccess(openVault: () => CredentialVault | Promise<CredentialVault>): CredentialAccess {
  let vault: Promise<CredentialVault> | undefined;
  const getVault = (): Promise<CredentialVault> => {
    // A failed open is not kept: the user may fix the environment and try again.
    vault ??= Promise.resolve().then(openVault).catch((error: unknown) => {
      vault = undefined;
      throw error;
    });
    return vault;
  };
  const engineProvider: CachingCredentialProvider = createCredentialProvider(getVault);
  return {
    vault: getVault,
    engineProvider,
    testProvider: (opened) => createCredentialProvider(opened),
    changed: (name) => engineProvider.forget(name),
  };
}
