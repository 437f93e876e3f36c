// The Deploy to server… dialog (dialog "Deploy to server", opened by the header's "Deploy to server…"
// button): the server choice, the add-a-server form, the flow checkboxes and the results, by role and name.
import type { Locator, Page } from 'playwright-core';

export class DeployDialog {
  constructor(private readonly page: Page) {}

  get root(): Locator {
    return this.page.getByRole('dialog', { name: 'Deploy to server', exact: true });
  }

  async open(): Promise<void> {
    await this.page.getByRole('banner').getByRole('button', { name: 'Deploy to server…', exact: true }).click();
    await this.root.waitFor();
  }

  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close', exact: true }).click();
    await this.root.waitFor({ state: 'detached' });
  }

  /** Fills the add-a-server form (shown while no server is known, or "Add a server…" is chosen) and adds it. */
  async addServer(url: string, token: string): Promise<void> {
    const form = this.root.getByRole('form', { name: 'Add a server' });
    await form.getByLabel('Server address', { exact: true }).fill(url);
    await form.getByLabel('API token', { exact: true }).fill(token);
    await form.getByRole('button', { name: 'Add server', exact: true }).click();
    await form.waitFor({ state: 'detached' });
  }

  get server(): Locator {
    return this.root.getByLabel('Server', { exact: true });
  }

  flow(id: string): Locator {
    return this.root.getByRole('checkbox', { name: new RegExp(`^${id}\\b`) });
  }

  async deploy(): Promise<void> {
    await this.root.getByRole('button', { name: 'Deploy', exact: true }).click();
  }

  get results(): Locator {
    return this.root.getByRole('list', { name: 'Deploy results' });
  }

  get error(): Locator {
    return this.root.getByRole('alert');
  }
}
