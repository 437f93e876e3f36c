// The flows list (region "Flows"): new, open and the id + name dialog.
import type { Locator, Page } from 'playwright-core';

export class FlowsPanel {
  constructor(private readonly page: Page) {}

  get root(): Locator {
    return this.page.getByRole('region', { name: 'Flows' });
  }

  /** The list entry that opens flow `id`. */
  item(id: string): Locator {
    return this.root.getByRole('button', { name: `Open ${id}`, exact: true });
  }

  /** Creates a flow through "New flow" and its dialog; the designer opens it (empty) at once. */
  async create(id: string, name: string): Promise<void> {
    await this.root.getByRole('button', { name: 'New flow', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: 'New flow' });
    await dialog.getByLabel('Flow id', { exact: true }).fill(id);
    await dialog.getByLabel('Flow name', { exact: true }).fill(name);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await this.item(id).and(this.page.locator('[aria-current="true"]')).waitFor();
  }
}
