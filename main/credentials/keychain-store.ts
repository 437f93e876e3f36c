// Secrets in the OS keychain through @napi-rs/keyring: Secret Service on Linux, Keychain on macOS,
// Credential Manager on Windows. One entry per credential, service "pipewright", account
// `<workspaceId>/<name>`: the workspace id (kept in credentials.json) stops two workspaces with a
// credential of the same name from overwriting each other's secret.
import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import type { SecretStore } from './types.js';
import { keychainHint, storeUnavailable, withoutSecret } from './store-errors.js';

export const KEYCHAIN_SERVICE = 'pipewright';
/** The account `probe()` looks up: no workspace id has this form, so no secret is ever kept under it. */
const PROBE_ACCOUNT = '~reachable';

// On Linux the library falls back to the kernel keyring when no Secret Service answers. That keyring
// forgets everything at logout, so a secret would silently vanish: we require the Secret Service and
// say so when it is missing.
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

export class KeychainStore implements SecretStore {
  readonly kind = 'keychain' as const;

  /** `workspaceId` is asked for on each call: the workspace gets its id with its first credential. */
  constructor(private readonly workspaceId: () => string) {}

  account(name: string): string {
    return `${this.workspaceId()}/${name}`;
  }

  async get(name: string): Promise<string | undefined> {
    return (await this.attempt(`read the secret of "${name}"`, (entry) => entry.getPassword(), name)) ?? undefined;
  }

  async set(name: string, secret: string): Promise<void> {
    await this.attempt(`save the secret of "${name}"`, (entry) => entry.setPassword(secret), name, secret);
  }

  async delete(name: string): Promise<boolean> {
    return this.attempt(`delete the secret of "${name}"`, (entry) => entry.deletePassword(), name);
  }

  /**
   * Looks up an entry that is never written: an answer (none found) means the keychain is there.
   * Its account is fixed, not the workspace's, so probing gives a workspace no id and writes nothing.
   */
  async probe(): Promise<void> {
    try {
      await new AsyncEntry(KEYCHAIN_SERVICE, PROBE_ACCOUNT, ENTRY_OPTIONS).getPassword();
    } catch (error) {
      throw storeUnavailable(`cannot reach the OS keychain (${error instanceof Error ? error.message : String(error)}): ${keychainHint()}`, error);
    }
  }

  private async attempt<T>(what: string, call: (entry: AsyncEntry) => Promise<T>, name: string, secret?: string): Promise<T> {
    try {
      return await call(new AsyncEntry(KEYCHAIN_SERVICE, this.account(name), ENTRY_OPTIONS));
    } catch (error) {
      const detail = withoutSecret(error instanceof Error ? error.message : String(error), secret);
      throw storeUnavailable(`cannot ${what} in the OS keychain (${detail}): ${keychainHint()}`, error);
    }
  }
}
