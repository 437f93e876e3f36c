// The shapes the credential parts agree on (DESIGN.md §6):
// - a SecretStore keeps secret values by credential name (keychain, encrypted file, environment);
// - the CredentialVault joins the workspace's definitions (`<workspace>/credentials.json`) with a store;
// - a CredentialProvider is what the engine gets: authorizers by name, and a redactor that removes
//   every secret value (and every token derived from one) from text before it is stored or shown.
import type { CredentialDefinition, CredentialSummary, SecretStoreKind } from '../../shared/credentials/definition.js';

export interface SecretStore {
  readonly kind: SecretStoreKind;
  /** The secret, or undefined when none is stored. Throws PipewrightError SECRET_STORE_UNAVAILABLE with what to do. */
  get(name: string): Promise<string | undefined>;
  set(name: string, secret: string): Promise<void>;
  /** True when something was deleted. */
  delete(name: string): Promise<boolean>;
  /**
   * Asks the store whether it answers, without reading or writing a credential: throws
   * SECRET_STORE_UNAVAILABLE with what to do when it does not. Only stores that can be absent (the OS
   * keychain) have it; the file and environment stores always answer.
   */
  probe?(): Promise<void>;
}

export interface CredentialVault {
  readonly store: SecretStore;
  list(): Promise<CredentialSummary[]>;
  definition(name: string): CredentialDefinition | undefined;
  /** Saves the definition; a given secret replaces the stored one. Returns the summary. */
  save(definition: CredentialDefinition, secret?: string): Promise<CredentialSummary>;
  delete(name: string): Promise<boolean>;
  /**
   * The definition and its secret, for an authorizer. Throws PipewrightError CREDENTIAL_NOT_FOUND
   * (no such name), CREDENTIAL_SECRET_MISSING (defined, no secret stored) or SECRET_STORE_UNAVAILABLE.
   */
  resolve(name: string): Promise<{ definition: CredentialDefinition; secret: string }>;
}

/** A request about to be sent, which an authorizer may change in place. */
export interface OutgoingRequest {
  url: URL;
  /** Lower-case header names. */
  headers: Record<string, string>;
}

export interface Authorizer {
  /** Adds the credential to the request (header, query parameter; fetches an OAuth2 token if needed). */
  apply(request: OutgoingRequest, signal?: AbortSignal): Promise<void>;
  /**
   * Called after a 401: drops a cached token so the next `apply` fetches a new one. Returns true when
   * retrying once may help (OAuth2), false for static secrets.
   */
  invalidate(): boolean;
}

export interface Redactor {
  /** Registers a value that must never be stored or shown (a secret, a fetched token, a basic header). */
  add(value: string): void;
  /** Replaces every registered value in `text` with `[redacted]`; returns `text` itself when none occurs. */
  redact(text: string): string;
  /** True once at least one value is registered (lets hot paths skip the scan). */
  readonly active: boolean;
}

export interface CredentialProvider {
  /** The authorizer for a credential name; cached per name so OAuth2 tokens are reused across messages. */
  authorizer(name: string): Promise<Authorizer>;
  /**
   * The connection settings of a database credential (db.query), its password registered with the
   * redactor before it is returned. Throws PipewrightError CREDENTIAL_WRONG_TYPE for a credential of
   * another type. Optional so providers built for HTTP only (test doubles) need not have it.
   */
  database?(name: string): Promise<DatabaseLogin>;
  readonly redactor: Redactor;
}

/** Where a database is and how to log in: a `postgres` credential's fields with its secret as the password. */
export interface DatabaseLogin {
  type: 'postgres';
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  ssl: 'disable' | 'require' | 'verify';
}

export const REDACTED = '[redacted]';
