// A CredentialVault kept in memory, for tests of the authorizers, the provider and the engine that are
// about what happens after a secret is found, not where it is kept (auth-cli.test.ts uses the real
// vault on the encrypted file). It answers with the error codes main/credentials/types.ts promises.
import { PipewrightError } from '../../../shared/errors.js';
import type { CredentialDefinition, CredentialSummary } from '../../../shared/credentials/definition.js';
import type { CredentialVault, SecretStore } from '../../../main/credentials/types.js';

export interface MemoryVault extends CredentialVault {
  /** How many times `resolve` was called, per name: the provider should resolve each name once. */
  readonly resolved: Map<string, number>;
}

export function memoryVault(entries: Array<{ definition: CredentialDefinition; secret?: string }> = []): MemoryVault {
  const definitions = new Map(entries.map((e) => [e.definition.name, e.definition]));
  const secrets = new Map<string, string>();
  for (const e of entries) if (e.secret !== undefined) secrets.set(e.definition.name, e.secret);
  const resolved = new Map<string, number>();
  const store: SecretStore = {
    kind: 'environment',
    get: (name) => Promise.resolve(secrets.get(name)),
    set: (name, secret) => {
      secrets.set(name, secret);
      return Promise.resolve();
    },
    delete: (name) => Promise.resolve(secrets.delete(name)),
  };
  const summary = (definition: CredentialDefinition): CredentialSummary => ({ ...definition, hasSecret: secrets.has(definition.name), store: 'environment' });
  return {
    store,
    resolved,
    list: () => Promise.resolve([...definitions.values()].map(summary)),
    definition: (name) => definitions.get(name),
    save(definition, secret) {
      definitions.set(definition.name, definition);
      if (secret !== undefined) secrets.set(definition.name, secret);
      return Promise.resolve(summary(definition));
    },
    delete(name) {
      secrets.delete(name);
      return Promise.resolve(definitions.delete(name));
    },
    resolve(name) {
      resolved.set(name, (resolved.get(name) ?? 0) + 1);
      const definition = definitions.get(name);
      if (!definition) {
        return Promise.reject(new PipewrightError('CREDENTIAL_NOT_FOUND', `credential "${name}" is not defined in this workspace; add it with \`pipewright credentials set ${name}\``));
      }
      const secret = secrets.get(name);
      if (secret === undefined) {
        return Promise.reject(new PipewrightError('CREDENTIAL_SECRET_MISSING', `credential "${name}" has no secret stored; set it with \`pipewright credentials set ${name}\``));
      }
      return Promise.resolve({ definition, secret });
    },
  };
}
