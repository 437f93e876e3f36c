// The errors every secret store shares. Messages name the store and what to do, never a secret: a
// store library's own message is passed through `withoutSecret` in case it ever echoes its input.
import { PipewrightError } from '../../shared/errors.js';

export const KEY_VARIABLE = 'PIPEWRIGHT_SECRETS_KEY';
export const FILE_VARIABLE = 'PIPEWRIGHT_SECRETS_FILE';
export const STORE_VARIABLE = 'PIPEWRIGHT_SECRET_STORE';
export const SECRET_VARIABLE_PREFIX = 'PIPEWRIGHT_SECRET_';

/** What to do when the OS keychain cannot be reached, for this platform. */
export function keychainHint(platform: NodeJS.Platform = process.platform): string {
  const server = `on a server, set ${KEY_VARIABLE} to use the encrypted file store instead`;
  if (platform === 'darwin') return `unlock the login keychain (Keychain Access) and allow Pipewright to use it; ${server}`;
  if (platform === 'win32') return `check that Windows Credential Manager is available for your user; ${server}`;
  return `start a Secret Service (gnome-keyring or KWallet) in your desktop session and unlock it; ${server}`;
}

export function storeUnavailable(message: string, cause?: unknown): PipewrightError {
  return new PipewrightError('SECRET_STORE_UNAVAILABLE', message, cause === undefined ? {} : { cause });
}

/** `text` with every occurrence of the secrets replaced, for library messages we pass on. */
export function withoutSecret(text: string, ...secrets: Array<string | undefined>): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join('[redacted]');
  return out;
}
