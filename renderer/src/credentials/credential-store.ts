// The designer's view of the workspace's credentials: the list (name, type, non-secret fields, whether a
// secret is stored — never the secret itself, the service does not send it), whether the secret store
// answered (when it did not, "no secret" means "unknown") and whether the Credentials dialog is open. The header's button, the dialog and the inspector's credential field all read this one
// store, so a credential created in the dialog is at once in every node's choice. No React here.
import type { CredentialStoreStatus, CredentialSummary, CredentialTestResult, SecretStoreKind } from '../../../shared/api/index.js';
import type { CredentialDefinition } from '../../../shared/credentials/definition.js';
import type { ApiClient } from '../api/client.js';

export interface CredentialsState {
  phase: 'idle' | 'loading' | 'ready' | 'error';
  /** Sorted by name. */
  items: CredentialSummary[];
  /** Why the list could not be loaded. */
  error?: string;
  /** The secret store's answer to the last listing; absent until known (or from a service without it). */
  storeStatus?: CredentialStoreStatus;
  dialog: {
    open: boolean;
    /** Opened to create one (from the inspector's "New credential"). */
    create: boolean;
    /** Told the name of the credential created in this opening (the inspector sets it on its node). */
    onCreated?: (name: string) => void;
    /** The host of the node asking (its http.request URL), proposed as the credential's allowed host. */
    proposedHost?: string;
  };
}

export class CredentialStore {
  private state: CredentialsState = { phase: 'idle', items: [], dialog: { open: false, create: false } };
  private readonly listeners = new Set<() => void>();
  private loading: Promise<void> | undefined;

  constructor(private readonly client: ApiClient | undefined) {}

  /** Offline design has no service to keep credentials in. */
  get connected(): boolean {
    return this.client !== undefined;
  }

  getSnapshot = (): CredentialsState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Loads the list unless it is loaded or loading. */
  ensureLoaded(): void {
    if (this.state.phase === 'idle') void this.refresh();
  }

  refresh(): Promise<void> {
    const client = this.client;
    if (!client) return Promise.resolve();
    this.loading ??= (async () => {
      this.set({ phase: this.state.phase === 'ready' ? 'ready' : 'loading' });
      try {
        // The status only explains the list: without it the list is still shown, as before.
        const [items, storeStatus] = await Promise.all([client.send('credentials.list', {}), client.send('credentials.status', {}).catch(() => undefined)]);
        this.set({ phase: 'ready', items: sortByName(items), error: undefined, storeStatus });
      } catch (error) {
        this.set({ phase: 'error', error: messageOf(error) });
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  /** Creates or updates; without `secret` the stored one is kept. Throws the service's error (with problems). */
  async save(credential: CredentialDefinition, secret: string | undefined): Promise<CredentialSummary> {
    const saved = await this.require().send('credentials.save', secret === undefined ? { credential } : { credential, secret });
    this.set({ items: sortByName([...this.state.items.filter((item) => item.name !== saved.name), saved]) });
    return saved;
  }

  async remove(name: string): Promise<void> {
    await this.require().send('credentials.delete', { name });
    this.set({ items: this.state.items.filter((item) => item.name !== name) });
  }

  test(name: string, url: string): Promise<CredentialTestResult> {
    return this.require().send('credentials.test', { name, url });
  }

  openDialog(options: { create?: boolean; onCreated?: (name: string) => void; proposedHost?: string } = {}): void {
    this.set({
      dialog: {
        open: true, create: options.create === true,
        ...(options.onCreated ? { onCreated: options.onCreated } : {}),
        ...(options.proposedHost ? { proposedHost: options.proposedHost } : {}),
      },
    });
    void this.refresh();
  }

  closeDialog(): void {
    this.set({ dialog: { open: false, create: false } });
  }

  private require(): ApiClient {
    if (!this.client) throw new Error('Credentials need a connection to `pipewright serve` or the desktop app.');
    return this.client;
  }

  private set(patch: Partial<CredentialsState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

export const secretStoreNames: Record<SecretStoreKind, string> = {
  keychain: 'the system keychain',
  'encrypted-file': 'the encrypted secrets file',
  environment: 'the environment',
};

/** The banner over the list when the secret store did not answer, else undefined. */
export function storeUnavailableBanner(status: CredentialStoreStatus | undefined): string | undefined {
  if (!status || status.available) return undefined;
  return `Secrets can be neither read nor saved here: ${status.message ?? `${secretStoreNames[status.store]} did not answer.`}`;
}

function sortByName(items: CredentialSummary[]): CredentialSummary[] {
  return [...items].sort((a, b) => a.name.localeCompare(b.name));
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
