// The CredentialProvider the engine gets (main/credentials/types.ts): one authorizer per credential
// name, created on first use and kept, so an OAuth2 token is reused across messages, batches and runs;
// every secret it hands out is registered with its redactor first. The vault may be given lazily:
// the CLI opens no keychain unless a flow actually names a credential.
import { PipewrightError } from '../../shared/errors.js';
import type { Authorizer, CredentialProvider, CredentialVault, DatabaseLogin } from './types.js';
import { createAuthorizer, type AuthorizerOptions } from './authorizers/index.js';
import { createRedactor, type SecretRedactor } from './redactor.js';

export interface CachingCredentialProvider extends CredentialProvider {
  readonly redactor: SecretRedactor;
  /**
   * Drops the cached authorizer of `name` (all when omitted), e.g. after its secret or definition was
   * changed, so the next use resolves it again. Secrets already registered stay redacted.
   */
  forget(name?: string): void;
}

export type VaultSource = CredentialVault | (() => CredentialVault | Promise<CredentialVault>);

export function createCredentialProvider(source: VaultSource, options: AuthorizerOptions = {}): CachingCredentialProvider {
  const redactor = createRedactor();
  const authorizers = new Map<string, Promise<Authorizer>>();
  let vault: Promise<CredentialVault> | undefined;
  const openVault = (): Promise<CredentialVault> => {
    // A vault that failed to open is not kept: the user may fix the environment and replay.
    vault ??= Promise.resolve()
      .then(() => (typeof source === 'function' ? source() : source))
      .catch((error: unknown) => {
        vault = undefined;
        throw error;
      });
    return vault;
  };

  const resolve = async (name: string): Promise<Authorizer> => {
    const { definition, secret } = await (await openVault()).resolve(name);
    redactor.add(secret);
    return createAuthorizer(definition, secret, redactor, options);
  };

  return {
    redactor,
    authorizer(name: string): Promise<Authorizer> {
      const cached = authorizers.get(name);
      if (cached) return cached;
      // Concurrent messages share one resolution; a failed one is not cached (fix, then replay).
      const resolving: Promise<Authorizer> = resolve(name).catch((error: unknown) => {
        if (authorizers.get(name) === resolving) authorizers.delete(name);
        throw error;
      });
      authorizers.set(name, resolving);
      return resolving;
    },
    async database(name: string): Promise<DatabaseLogin> {
      const { definition, secret } = await (await openVault()).resolve(name);
      if (definition.type !== 'postgres') {
        throw new PipewrightError('CREDENTIAL_WRONG_TYPE', `credential "${name}" is of type ${definition.type}, but a database needs a postgres credential: add one with \`pipewright credentials set NAME --type postgres --host … --database … --user …\``);
      }
      redactor.add(secret);
      const { host, port, database, user, ssl } = definition.fields;
      return { type: 'postgres', host, port, database, user, password: secret, ssl: ssl ?? 'disable' };
    },
    forget(name?: string): void {
      if (name === undefined) authorizers.clear();
      else authorizers.delete(name);
    },
  };
}
