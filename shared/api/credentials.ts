// Credential calls for the designer (DESIGN.md §6): list, save (create or edit), delete and test, and
// the secret store's status. A saved secret never comes back: `list` says only whether one is stored;
// `save` without `secret` keeps the stored one (editing non-secret fields). When the store cannot be
// reached every `hasSecret` is false and unknown: `status` says so, and why.
import { z } from 'zod';
import { credentialDefinitionSchema, credentialNameSchema, type CredentialSummary, type SecretStoreKind } from '../credentials/definition.js';
import { method, noParams } from './common.js';

export const saveCredentialParams = z.strictObject({
  credential: credentialDefinitionSchema,
  /** The secret (API key, password, token or client secret); omitted → keep the stored one. */
  secret: z.string().min(1, { message: 'the secret is empty' }).max(64 * 1024).optional(),
});
export const deleteCredentialParams = z.strictObject({ name: credentialNameSchema });
export const testCredentialParams = z.strictObject({
  name: credentialNameSchema,
  /** A URL of the API the credential is for; the test sends one request with the credential applied. */
  url: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }),
  method: z.enum(['GET', 'HEAD', 'POST']).optional(),
});

export const credentialMethods = {
  'credentials.list': method(noParams, 'Every credential of the workspace with its type and non-secret fields (never the secret).'),
  'credentials.save': method(saveCredentialParams, 'Creates or updates a credential; the secret goes to the secret store, the rest to the workspace.'),
  'credentials.delete': method(deleteCredentialParams, 'Deletes a credential and its stored secret.'),
  'credentials.test': method(testCredentialParams, 'Sends one request to a URL with the credential applied and reports the status.'),
  'credentials.status': method(noParams, 'The secret store the workspace uses and whether it answered when the credentials were listed, with why not.'),
} as const;

export interface CredentialTestResult {
  /** True for a 2xx answer. */
  ok: boolean;
  status?: number;
  durationMs: number;
  /** Why it failed (transport error, 401, token endpoint refused, …); never contains the secret. */
  message?: string;
}

export interface CredentialStoreStatus {
  store: SecretStoreKind;
  /**
   * False when the store could not be asked which secrets it holds (no keychain on this machine, a
   * wrong key for the encrypted file). A workspace without credentials has no reason to ask it: true.
   */
  available: boolean;
  /** Why it is unavailable and what to do, as the store said it. */
  message?: string;
}

export interface CredentialHandlers {
  'credentials.list': (params: z.infer<typeof noParams>) => Promise<CredentialSummary[]>;
  'credentials.save': (params: z.infer<typeof saveCredentialParams>) => Promise<CredentialSummary>;
  'credentials.delete': (params: z.infer<typeof deleteCredentialParams>) => Promise<{ deleted: boolean }>;
  'credentials.test': (params: z.infer<typeof testCredentialParams>) => Promise<CredentialTestResult>;
  'credentials.status': (params: z.infer<typeof noParams>) => Promise<CredentialStoreStatus>;
}
