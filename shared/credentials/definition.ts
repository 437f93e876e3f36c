// Credential definitions (DESIGN.md §6): a name, a type and the non-secret fields. This is what the
// workspace keeps (`<workspace>/credentials.json`), what a bundle carries and what the designer shows.
// The one secret value of each type (`secretFieldOf`) never lives here: it is in the OS keychain on
// the desktop, or in the server's encrypted file / environment.
import { z } from 'zod';
import { allowedHostsSchema } from './allowed-hosts.js';

/** Letters, digits, `.`, `_` and `-`; starts with a letter or digit. Used in flows as `"credential": NAME`. */
export const credentialNameSchema = z
  .string()
  .min(1, { message: 'a credential needs a name' })
  .max(100, { message: 'a credential name has at most 100 characters' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'use letters, digits, ".", "_" and "-" (starting with a letter or digit)' });

const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' });

export const apiKeyFields = z.strictObject({
  /** Where the key goes: a request header or a query parameter. */
  in: z.enum(['header', 'query']),
  /** Header name (e.g. `X-API-Key`) or query parameter name (e.g. `api_key`). */
  name: z.string().min(1, { message: 'name the header or query parameter' }).max(200),
  /** Put before the key in a header, e.g. `Token ` (optional). */
  prefix: z.string().max(100).optional(),
});

export const basicFields = z.strictObject({
  username: z.string().min(1, { message: 'a username is required' }).max(1000),
});

export const bearerFields = z.strictObject({});

export const oauth2ClientCredentialsFields = z.strictObject({
  tokenUrl: httpUrl,
  clientId: z.string().min(1, { message: 'a client id is required' }).max(1000),
  /** Space-separated scopes (optional). */
  scope: z.string().max(2000).optional(),
  /** Some providers (Auth0, …) ask for an audience. */
  audience: z.string().max(2000).optional(),
  /** How the client authenticates at the token endpoint: HTTP basic header (default) or form body. */
  clientAuth: z.enum(['basic', 'body']).optional(),
});

/**
 * A PostgreSQL server for db.query: where it is and who connects. The password is the secret. `port`
 * is coerced, so the CLI's `--port 5433` and the designer's text field give a number.
 */
export const postgresFields = z.strictObject({
  host: z.string().min(1, { message: 'a host is required' }).max(1000),
  port: z.coerce.number().int().min(1, { message: 'a port is 1 to 65535' }).max(65535, { message: 'a port is 1 to 65535' }).default(5432),
  database: z.string().min(1, { message: 'a database name is required' }).max(1000),
  user: z.string().min(1, { message: 'a user is required' }).max(1000),
  /** TLS: `disable` (default), `require` (encrypted, certificate not checked) or `verify` (checked against the system's CAs). */
  ssl: z.enum(['disable', 'require', 'verify']).optional(),
});

// `allowedHosts` (./allowed-hosts.ts) on every HTTP type: the hosts its secret may be sent to; absent
// or empty = any host (files written before it existed read as that). A postgres login goes to its
// own `host` field only.
export const credentialDefinitionSchema = z.discriminatedUnion('type', [
  z.strictObject({ name: credentialNameSchema, type: z.literal('apiKey'), fields: apiKeyFields, allowedHosts: allowedHostsSchema.optional() }),
  z.strictObject({ name: credentialNameSchema, type: z.literal('basic'), fields: basicFields, allowedHosts: allowedHostsSchema.optional() }),
  z.strictObject({ name: credentialNameSchema, type: z.literal('bearer'), fields: bearerFields, allowedHosts: allowedHostsSchema.optional() }),
  z.strictObject({ name: credentialNameSchema, type: z.literal('oauth2ClientCredentials'), fields: oauth2ClientCredentialsFields, allowedHosts: allowedHostsSchema.optional() }),
  z.strictObject({ name: credentialNameSchema, type: z.literal('postgres'), fields: postgresFields }),
]);

export type CredentialDefinition = z.infer<typeof credentialDefinitionSchema>;
export type CredentialType = CredentialDefinition['type'];
export type CredentialFields<T extends CredentialType> = Extract<CredentialDefinition, { type: T }>['fields'];

export const credentialTypes = ['apiKey', 'basic', 'bearer', 'oauth2ClientCredentials', 'postgres'] as const satisfies readonly CredentialType[];

/** The one secret each type needs, as the designer labels it and the CLI prompts for it. */
export const secretFieldOf: Record<CredentialType, { name: string; label: string }> = {
  apiKey: { name: 'key', label: 'API key' },
  basic: { name: 'password', label: 'Password' },
  bearer: { name: 'token', label: 'Token' },
  oauth2ClientCredentials: { name: 'clientSecret', label: 'Client secret' },
  postgres: { name: 'password', label: 'Password' },
};

export const credentialTypeTitles: Record<CredentialType, string> = {
  apiKey: 'API key',
  basic: 'Basic auth',
  bearer: 'Bearer token',
  oauth2ClientCredentials: 'OAuth2 client credentials',
  postgres: 'PostgreSQL database',
};

/** Where a credential's secret is kept. */
export type SecretStoreKind = 'keychain' | 'encrypted-file' | 'environment';

/** A credential as listed to the CLI and the designer: never the secret, only whether one is stored. */
export type CredentialSummary = CredentialDefinition & {
  hasSecret: boolean;
  store: SecretStoreKind;
  /** ISO time of the last save. */
  updatedAt?: string;
};
