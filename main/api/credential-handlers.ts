// credentials.* — the workspace's credentials for the designer: list and delete on the vault, save
// (definition to the workspace, secret to the secret store), test: one request to a URL with the
// credential applied, and status: whether the secret store answered the listing. A secret goes in, never out: list and save answer with summaries, and every
// message a test returns passes through the provider's redactor.
import type { CredentialHandlers, CredentialStoreStatus } from '../../shared/api/credentials.js';
import { credentialDefinitionSchema, secretFieldOf, type CredentialDefinition } from '../../shared/credentials/definition.js';
import { isPipewrightError, PipewrightError } from '../../shared/errors.js';
import { issuesToProblems, plainErrorMap } from '../../shared/flow/issues.js';
import type { CredentialVault, SecretStore } from '../credentials/types.js';
import type { CredentialListing } from '../credentials/vault.js';
import type { CredentialAccess } from './credential-access.js';
import { testCredential } from './credential-test.js';

export function createCredentialHandlers(credentials: CredentialAccess): CredentialHandlers {
  return {
    'credentials.list': async () => {
      const summaries = await (await credentials.vault()).list();
      return [...summaries].sort((a, b) => a.name.localeCompare(b.name));
    },

    'credentials.status': async () => storeStatus(await credentials.vault()),

    'credentials.save': async ({ credential, secret }) => {
      const vault = await credentials.vault();
      const definition = checkedDefinition(credential);
      const existing = vault.definition(definition.name);
      // The stored secret belongs to the old type (a password is not a client secret): ask for a new one.
      if (existing && existing.type !== definition.type && secret === undefined) {
        const label = secretFieldOf[definition.type].label;
        throw new PipewrightError('INVALID_PARAMS', `credential "${definition.name}" changes type from ${existing.type} to ${definition.type}: enter the ${label.toLowerCase()} for the new type`, {
          problems: [{ code: 'SECRET_REQUIRED', message: `enter the ${label.toLowerCase()}: the saved secret was for the ${existing.type} type`, path: 'secret' }],
        });
      }
      const saved = await vault.save(definition, secret);
      credentials.changed(definition.name);
      return saved;
    },

    'credentials.delete': async ({ name }) => {
      const deleted = await (await credentials.vault()).delete(name);
      credentials.changed(name);
      return { deleted };
    },

    'credentials.test': async ({ name, url, method }) => {
      const vault = await credentials.vault();
      if (!vault.definition(name)) throw notFound(name);
      try {
        return await testCredential(vault, credentials.testProvider(vault), { name, url, method: method ?? 'GET' });
      } catch (error) {
        // resolve() says CREDENTIAL_NOT_FOUND when the definition vanished meanwhile: still the caller's mistake.
        if (isPipewrightError(error) && error.code === 'CREDENTIAL_NOT_FOUND') throw notFound(name);
        throw error;
      }
    },
  };
}

/**
 * The store's answer to the listing. The workspace vault reports the store's error beside the list
 * (`inspect`); a vault without `inspect` (tests' in-memory ones) throws instead, so it answered.
 */
async function storeStatus(vault: CredentialVault): Promise<CredentialStoreStatus> {
  const listing = canInspect(vault) ? await vault.inspect() : undefined;
  // With no credential to read, the listing asked the store nothing: probe it, so that a server without
  // a keychain says so before the first credential's form is filled in, not when it is saved.
  const storeError = listing?.storeError ?? (listing?.credentials.length ? undefined : await probeError(vault.store));
  return storeError ? { store: vault.store.kind, available: false, message: storeError.message } : { store: vault.store.kind, available: true };
}

async function probeError(store: SecretStore): Promise<PipewrightError | undefined> {
  try {
    await store.probe?.();
    return undefined;
  } catch (error) {
    if (isPipewrightError(error)) return error;
    throw error;
  }
}

// Structural, not `instanceof`: the vault's module is loaded on first use (service.ts), not with the service.
function canInspect(vault: CredentialVault): vault is CredentialVault & { inspect(): Promise<CredentialListing> } {
  return typeof (vault as Partial<{ inspect: unknown }>).inspect === 'function';
}

/** The definition as the schema reads it (also when the service is called without dispatch), every problem with its path. */
function checkedDefinition(credential: unknown): CredentialDefinition {
  const parsed = credentialDefinitionSchema.safeParse(credential, { error: plainErrorMap });
  if (parsed.success) return parsed.data;
  const problems = issuesToProblems(parsed.error.issues, 'INVALID_PARAMS', ['credential']);
  throw new PipewrightError('INVALID_PARAMS', `invalid credential: ${problems.map((problem) => `${problem.path ?? 'credential'}: ${problem.message}`).join('; ')}`, { problems });
}

function notFound(name: string): PipewrightError {
  return new PipewrightError('CREDENTIAL_NOT_FOUND', `there is no credential "${name}" in this workspace; create it first`, { location: { path: 'name' } });
}
