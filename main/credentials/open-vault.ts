// Opens a workspace's credentials with the secret store its environment asks for:
//   PIPEWRIGHT_SECRETS_KEY set           → the encrypted file (PIPEWRIGHT_SECRETS_FILE, default
//                                          <workspace>/.pipewright/secrets.enc), with PIPEWRIGHT_SECRET_<NAME>
//                                          variables winning over it on reads;
//   PIPEWRIGHT_SECRET_STORE=environment  → PIPEWRIGHT_SECRET_<NAME> variables only (read-only);
//   otherwise                            → the OS keychain (the desktop).
// Opening touches no store: a workspace whose keychain is unreachable still opens, and only the calls
// that need a secret fail, with what to do.
import { resolve } from 'node:path';
import { PipewrightError } from '../../shared/errors.js';
import { defaultSecretsFile, EncryptedFileStore } from './encrypted-file-store.js';
import { EnvironmentStore } from './environment-store.js';
import { KeychainStore } from './keychain-store.js';
import { LayeredStore } from './layered-store.js';
import { parseSecretsKey } from './secrets-key.js';
import { FILE_VARIABLE, KEY_VARIABLE, STORE_VARIABLE } from './store-errors.js';
import type { SecretStore } from './types.js';
import { WorkspaceVault } from './vault.js';

export function openCredentialVault(workspace: string, env: NodeJS.ProcessEnv = process.env): WorkspaceVault {
  const root = resolve(workspace);
  const choice = env[STORE_VARIABLE]?.trim() ?? '';
  const key = env[KEY_VARIABLE];
  if (choice !== '' && !['keychain', 'environment', 'encrypted-file'].includes(choice)) {
    throw new PipewrightError('SECRET_STORE_INVALID', `${STORE_VARIABLE}="${choice}" is not a secret store: use keychain, encrypted-file or environment (or leave it unset)`);
  }
  if (choice === 'environment') return new WorkspaceVault(root, new EnvironmentStore(env), 'the environment');
  if (key !== undefined || choice === 'encrypted-file') {
    if (key === undefined) throw new PipewrightError('SECRETS_KEY_MISSING', `${STORE_VARIABLE}=encrypted-file needs the file's key: set ${KEY_VARIABLE}`);
    const file = env[FILE_VARIABLE] ? resolve(root, env[FILE_VARIABLE]) : defaultSecretsFile(root);
    const store: SecretStore = new LayeredStore(new EnvironmentStore(env), new EncryptedFileStore(file, parseSecretsKey(key)));
    return new WorkspaceVault(root, store, `the encrypted secrets file ${file}`);
  }
  // The keychain store asks the vault for the workspace id (kept in credentials.json) on each call.
  const vault: WorkspaceVault = new WorkspaceVault(root, new KeychainStore(() => vault.workspaceId()), 'the OS keychain');
  return vault;
}
