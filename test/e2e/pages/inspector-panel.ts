// The inspector (complementary "Inspector"): the selected node's kind, name and sample JSON.
import type { Locator, Page } from 'playwright-core';

export class InspectorPanel {
  constructor(private readonly page: Page) {}

  get root(): Locator {
    return this.page.getByRole('complementary', { name: 'Inspector' });
  }

  /** The kind title of the selected node ("Map"). */
  get kind(): Locator {
    return this.root.locator('.inspector-kind');
  }

  get nameField(): Locator {
    return this.root.getByRole('textbox', { name: 'Name', exact: true });
  }

  /** The node's sample message as JSON text. */
  get sampleJson(): Locator {
    return this.root.getByRole('textbox', { name: /^Sample JSON/ });
  }

  async rename(name: string): Promise<void> {
    await this.nameField.fill(name);
    await this.nameField.blur();
  }

  async setSample(json: string): Promise<void> {
    await this.sampleJson.fill(json);
    await this.sampleJson.blur();
  }
}
