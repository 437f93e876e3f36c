// API tokens of the Pipewright servers this user deploys to (`pipewright login URL`), kept in the OS
// keychain by the same store as credential secrets: service "pipewright", account
// `server-token/<server address>` (`server-token/http://127.0.0.1:4870`), so they show up readably in
// the keychain's own UI and never collide with a workspace's credential (those are `<workspaceId>/…`).
import { PipewrightError, isPipewrightError } from '../../shared/errors.js';
import { KeychainStore } from './keychain-store.js';
import { withoutSecret } from './store-errors.js';

const ACCOUNT_PREFIX = 'server-token';

export class ServerTokens {
  private readonly store = new KeychainStore(() => ACCOUNT_PREFIX);

  /** The stored token for a server address (its normalised base URL), or undefined. */
  get(base: string): Promise<string | undefined> {
    return this.explained(`read the API token for ${base} from`, () => this.store.get(base));
  }

  set(base: string, token: string): Promise<void> {
    return this.explained(`keep the API token for ${base} in`, () => this.store.set(base, token), token);
  }

  /** True when a token was stored (and is now gone). */
  delete(base: string): Promise<boolean> {
    return this.explained(`remove the API token for ${base} from`, () => this.store.delete(base));
  }

  /** The keychain store's failure in words about tokens, with the way around it that needs no keychain. */
  private async explained<T>(what: string, call: () => Promise<T>, token?: string): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!isPipewrightError(error)) throw error;
      const cause = error.cause instanceof Error ? error.cause.message : error.message;
      const hint = process.platform === 'linux' ? 'start a Secret Service (gnome-keyring or KWallet) in your session and unlock it' : 'unlock the OS keychain';
      throw new PipewrightError(error.code, `cannot ${what} the OS keychain (${withoutSecret(cause, token)}): ${hint}, or give the token in PIPEWRIGHT_TOKEN instead`, { cause: error });
    }
  }
}
