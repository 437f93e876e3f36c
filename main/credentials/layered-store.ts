// The server's store: secrets set in the environment (PIPEWRIGHT_SECRET_<NAME>) win over the encrypted
// file, so an operator can override one secret without touching the file; saving and deleting act on
// the file.
import type { SecretStoreKind } from '../../shared/credentials/definition.js';
import type { EnvironmentStore } from './environment-store.js';
import type { SecretStore } from './types.js';

export class LayeredStore implements SecretStore {
  readonly kind: SecretStoreKind;

  constructor(
    private readonly over: EnvironmentStore,
    readonly under: SecretStore,
  ) {
    this.kind = under.kind;
  }

  async get(name: string): Promise<string | undefined> {
    return (await this.over.get(name)) ?? this.under.get(name);
  }

  set(name: string, secret: string): Promise<void> {
    return this.under.set(name, secret);
  }

  delete(name: string): Promise<boolean> {
    return this.under.delete(name);
  }

  /** Which store answers for `name`: the environment when it holds the secret, else the file. */
  async sourceOf(name: string): Promise<SecretStoreKind> {
    return (await this.over.get(name)) === undefined ? this.under.kind : this.over.kind;
  }
}
