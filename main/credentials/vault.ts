// The workspace's credentials: definitions in `<workspace>/credentials.json`, secrets in one secret
// store (keychain, encrypted file, environment; see open-vault.ts). Definitions are read from the file
// on every call, so the CLI, the designer and a text editor can all change it without a stale copy.
//
// Listing tolerates a store that cannot be reached: the definitions are what the user mostly wants to
// see, so `inspect()` returns them with `hasSecret: false` and the store's error beside them (the CLI
// prints it as a warning); `list()` (the CredentialVault contract) returns just the summaries.
import { join } from 'node:path';
import { credentialDefinitionSchema, type CredentialDefinition, type CredentialSummary, type SecretStoreKind } from '../../shared/credentials/definition.js';
import { isPipewrightError, PipewrightError } from '../../shared/errors.js';
import { issuesToProblems, plainErrorMap } from '../../shared/flow/issues.js';
import { newWorkspaceId, readDefinitions, writeDefinitions, type DefinitionsDocument, type StoredDefinition } from './definitions-file.js';
import { secretVariableOf } from './environment-store.js';
import { withFileLock } from './file-lock.js';
import { LayeredStore } from './layered-store.js';
import type { CredentialVault, SecretStore } from './types.js';

export interface CredentialListing {
  credentials: CredentialSummary[];
  /** Set when the secret store could not be asked: every `hasSecret` is then false, and unknown. */
  storeError?: PipewrightError;
}

export class WorkspaceVault implements CredentialVault {
  constructor(
    readonly workspace: string,
    readonly store: SecretStore,
    /** Where the secrets are, for messages: "the OS keychain", "the encrypted file /srv/…". */
    private readonly storeLabel: string,
  ) {}

  /** The id that keeps this workspace's keychain entries apart; written to credentials.json on first use. */
  workspaceId(): string {
    return readDefinitions(this.workspace)?.workspaceId ?? this.update((document) => document).workspaceId;
  }

  definition(name: string): CredentialDefinition | undefined {
    const found = this.stored(name);
    if (!found) return undefined;
    const { updatedAt: _updatedAt, ...definition } = found;
    return definition as CredentialDefinition; // the rest of a union member is that member without updatedAt
  }

  async list(): Promise<CredentialSummary[]> {
    return (await this.inspect()).credentials;
  }

  async inspect(): Promise<CredentialListing> {
    const credentials = readDefinitions(this.workspace)?.credentials ?? [];
    try {
      // One at a time: a locked desktop keychain asks to be unlocked once, not once per credential,
      // and the first failure ends the round.
      const sources: Array<SecretStoreKind | undefined> = [];
      for (const c of credentials) sources.push(await this.sourceOf(c.name));
      return { credentials: credentials.map((c, index) => summary(c, sources[index], this.store.kind)) };
    } catch (error) {
      if (!isPipewrightError(error)) throw error;
      return { credentials: credentials.map((c) => summary(c, undefined, this.store.kind)), storeError: error };
    }
  }

  async save(definition: CredentialDefinition, secret?: string): Promise<CredentialSummary> {
    const checked = checkDefinition(definition);
    if (secret !== undefined) {
      if (secret === '') throw new PipewrightError('CREDENTIAL_SECRET_EMPTY', `the secret of credential "${checked.name}" is empty: give the ${checked.type === 'basic' ? 'password' : 'secret'} itself`);
      // Secret first: when the store refuses, the definition is left as it was (for the keychain the
      // file may just gain the workspace id, which the secret's entry is named after).
      await this.store.set(checked.name, secret);
    }
    const stored: StoredDefinition = { ...checked, updatedAt: new Date().toISOString() };
    this.update((document) => ({ ...document, credentials: [...document.credentials.filter((c) => c.name !== checked.name), stored] }));
    const source = secret !== undefined && !(this.store instanceof LayeredStore) ? this.store.kind : await this.sourceOf(checked.name).catch(() => undefined);
    return summary(stored, source, this.store.kind);
  }

  /** Removes the secret, then the definition; false when there was neither. */
  async delete(name: string): Promise<boolean> {
    // The environment cannot be changed from here: dropping the definition is all there is to do.
    const secretDeleted = this.store.kind === 'environment' ? false : await this.store.delete(name);
    if (!this.stored(name)) return secretDeleted;
    this.update((document) => ({ ...document, credentials: document.credentials.filter((c) => c.name !== name) }));
    return true;
  }

  async resolve(name: string): Promise<{ definition: CredentialDefinition; secret: string }> {
    const definition = this.definition(name);
    if (!definition) {
      throw new PipewrightError('CREDENTIAL_NOT_FOUND', `credential "${name}" is not defined in this workspace (credentials.json): add it with \`pipewright credentials set ${name} --type TYPE\``);
    }
    const secret = await this.store.get(name);
    if (secret === undefined || secret === '') {
      throw new PipewrightError('CREDENTIAL_SECRET_MISSING', `credential "${name}" (${definition.type}) has no secret in ${this.storeLabel}: ${this.howToSet(definition)}`);
    }
    return { definition, secret };
  }

  /** The command or variable that gives `definition` its secret with this store. */
  howToSet(definition: CredentialDefinition): string {
    const command = `set it with \`pipewright credentials set ${definition.name} --type ${definition.type}\``;
    const variable = secretVariableOf(definition.name);
    if (this.store.kind === 'environment') return `set ${variable} in the environment`;
    if (this.store instanceof LayeredStore) return `${command}, or set ${variable} in the environment`;
    return command;
  }

  /** Read, change and write credentials.json in turn with other processes; creates it (and the id) when missing. */
  private update(change: (document: DefinitionsDocument) => DefinitionsDocument): DefinitionsDocument {
    return withFileLock(join(this.workspace, '.pipewright', 'credentials.lock'), () => {
      const next = change(readDefinitions(this.workspace) ?? { workspaceId: newWorkspaceId(), credentials: [] });
      writeDefinitions(this.workspace, next);
      return next;
    });
  }

  private stored(name: string): StoredDefinition | undefined {
    return readDefinitions(this.workspace)?.credentials.find((c) => c.name === name);
  }

  /** The store that holds the secret of `name`, undefined when none does. */
  private async sourceOf(name: string): Promise<SecretStoreKind | undefined> {
    if ((await this.store.get(name)) === undefined) return undefined;
    return this.store instanceof LayeredStore ? this.store.sourceOf(name) : this.store.kind;
  }
}

function summary(stored: StoredDefinition, source: SecretStoreKind | undefined, storeKind: SecretStoreKind): CredentialSummary {
  return { ...stored, hasSecret: source !== undefined, store: source ?? storeKind };
}

function checkDefinition(definition: CredentialDefinition): CredentialDefinition {
  const parsed = credentialDefinitionSchema.safeParse(definition, { error: plainErrorMap });
  if (parsed.success) return parsed.data;
  const problems = issuesToProblems(parsed.error.issues, 'CREDENTIAL_INVALID', []);
  const list = problems.map((problem) => `${problem.path ?? 'credential'}: ${problem.message}`).join('; ');
  throw new PipewrightError('CREDENTIAL_INVALID', `invalid credential: ${list}`, { problems });
}
