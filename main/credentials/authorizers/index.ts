// The authorizer for a resolved credential, by type. One file per type beside this one.
import type { CredentialDefinition } from '../../../shared/credentials/definition.js';
import { PipewrightError } from '../../../shared/errors.js';
import type { Authorizer, Redactor } from '../types.js';
import { bindToHosts } from '../host-binding.js';
import { apiKeyAuthorizer } from './api-key.js';
import { basicAuthorizer } from './basic.js';
import { bearerAuthorizer } from './bearer.js';
import { oauth2Authorizer, type OAuth2Options } from './oauth2-client-credentials.js';

export interface AuthorizerOptions {
  oauth2?: OAuth2Options;
}

/** The authorizer for `definition`, refusing hosts outside its `allowedHosts` (../host-binding.ts). */
export function createAuthorizer(
  definition: CredentialDefinition,
  secret: string,
  redactor: Redactor & { remove?(value: string): void },
  options: AuthorizerOptions = {},
): Authorizer {
  return bindToHosts(authorizerOfType(definition, secret, redactor, options), definition);
}

function authorizerOfType(
  definition: CredentialDefinition,
  secret: string,
  redactor: Redactor & { remove?(value: string): void },
  options: AuthorizerOptions,
): Authorizer {
  switch (definition.type) {
    case 'apiKey':
      return apiKeyAuthorizer(definition.fields, secret);
    case 'basic':
      return basicAuthorizer(definition.fields, secret, redactor);
    case 'bearer':
      return bearerAuthorizer(secret);
    case 'oauth2ClientCredentials':
      return oauth2Authorizer(definition.name, definition.fields, secret, redactor, options.oauth2);
    case 'postgres':
      // A database login has nothing to add to an HTTP request; db.query takes it (provider.database).
      throw new PipewrightError('CREDENTIAL_WRONG_TYPE', `credential "${definition.name}" is a PostgreSQL login, which authorizes db.query, not HTTP requests: choose an apiKey, basic, bearer or oauth2ClientCredentials credential`);
  }
}
