// The Credentials dialog (dialog "Credentials", opened by the header's "Credentials" button): the list of
// saved credentials, the create/edit form and the test against a URL, found by role and name.
import type { Locator, Page } from 'playwright-core';

export interface NewCredential {
  name: string;
  /** The type as the form names it ("Bearer token"). */
  type: string;
  /** Non-secret fields by their label ("Username"). */
  fields?: Record<string, string>;
  /** The secret's label ("Token", "Password"). */
  secretLabel: string;
  secret: string;
}

export class CredentialsDialog {
  constructor(private readonly page: Page) {}

  get root(): Locator {
    return this.page.getByRole('dialog', { name: 'Credentials', exact: true });
  }

  async open(): Promise<void> {
    await this.page.getByRole('banner').getByRole('button', { name: 'Credentials', exact: true }).click();
    await this.root.waitFor();
  }

  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close', exact: true }).click();
    await this.root.waitFor({ state: 'detached' });
  }

  get list(): Locator {
    return this.root.getByRole('region', { name: 'Saved credentials' });
  }

  /** The list row of a credential (its name, type and whether a secret is stored). */
  row(name: string): Locator {
    return this.list.getByRole('row').filter({ has: this.page.getByRole('button', { name: `Edit ${name}`, exact: true }) });
  }

  /** Creates a credential with the list's "New credential" button and form. */
  async create(options: NewCredential): Promise<void> {
    await this.list.getByRole('button', { name: 'New credential', exact: true }).click();
    await this.fillNew(options);
  }

  /** Fills and submits the "New credential" form that is already open. */
  async fillNew(options: NewCredential): Promise<void> {
    const form = this.root.getByRole('form', { name: 'New credential' });
    await form.getByLabel('Name', { exact: true }).fill(options.name);
    await form.getByLabel('Type', { exact: true }).selectOption({ label: options.type });
    for (const [label, value] of Object.entries(options.fields ?? {})) await form.getByLabel(label, { exact: true }).fill(value);
    await form.getByLabel(options.secretLabel, { exact: true }).fill(options.secret);
    await form.getByRole('button', { name: 'Create credential', exact: true }).click();
    await this.root.getByRole('form', { name: `Edit ${options.name}` }).waitFor();
  }

  /** The edit form of a saved credential. */
  editForm(name: string): Locator {
    return this.root.getByRole('form', { name: `Edit ${name}` });
  }

  /** Tests the credential shown in the editor against `url` and returns the result text. */
  async test(name: string, url: string): Promise<string> {
    const tester = this.root.getByRole('form', { name: `Test ${name}` });
    await tester.getByLabel('Test URL', { exact: true }).fill(url);
    await tester.getByRole('button', { name: 'Test', exact: true }).click();
    const result = tester.getByRole('status', { name: 'Test result' });
    await result.getByText(/^(OK|Failed)/).waitFor();
    return result.innerText();
  }
}
