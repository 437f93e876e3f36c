// The credential parts other layers use: open a workspace's vault, and the shapes they agree on.
export type { Authorizer, CredentialProvider, CredentialVault, OutgoingRequest, Redactor, SecretStore } from './types.js';
export { REDACTED } from './types.js';
export { openCredentialVault } from './open-vault.js';
export { WorkspaceVault, type CredentialListing } from './vault.js';
export { KeychainStore, KEYCHAIN_SERVICE } from './keychain-store.js';
export { EncryptedFileStore, defaultSecretsFile } from './encrypted-file-store.js';
export { EnvironmentStore, secretVariableOf } from './environment-store.js';
export { DEFINITIONS_FILE, definitionsPath } from './definitions-file.js';
