// The inspector's settings forms, found by role and accessible name: a node's "Delivery and notes"
// section (retries, queue limit, notes) and, with nothing selected, "Flow settings" (trace, retention).
import type { Locator, Page } from 'playwright-core';

export class SettingsForms {
  constructor(private readonly page: Page) {}

  private get inspector(): Locator {
    return this.page.getByRole('complementary', { name: 'Inspector' });
  }

  // --- a node's delivery ------------------------------------------------------------------------------

  /** The section's summary line ("Delivery and notes · 3 attempts · queue 500 · note"). */
  get deliverySummary(): Locator {
    return this.inspector.locator('summary', { hasText: 'Delivery and notes' });
  }

  /** Opens the section unless it is open. */
  async openDelivery(): Promise<void> {
    const open = await this.deliverySummary.evaluate((summary) => (summary.parentElement as HTMLDetailsElement).open);
    if (!open) await this.deliverySummary.click();
  }

  retryMode(label: 'Default' | 'Off' | 'Custom'): Locator {
    return this.inspector.getByRole('radiogroup', { name: 'Retries' }).getByRole('radio', { name: label, exact: true });
  }

  get attempts(): Locator {
    return this.inspector.getByRole('textbox', { name: 'Attempts', exact: true });
  }

  get firstDelay(): Locator {
    return this.inspector.getByRole('textbox', { name: 'First delay', exact: true });
  }

  get queueLimit(): Locator {
    return this.inspector.getByRole('textbox', { name: 'Queue limit', exact: true });
  }

  get notes(): Locator {
    return this.inspector.getByRole('textbox', { name: 'Notes', exact: true });
  }

  // --- the flow's settings ----------------------------------------------------------------------------

  traceMode(label: 'Default' | 'Full' | 'Errors only' | 'Sampled'): Locator {
    return this.inspector.getByRole('radiogroup', { name: 'Trace' }).getByRole('radio', { name: new RegExp(`^${label}\\b`) });
  }

  get sampleRate(): Locator {
    return this.inspector.getByRole('textbox', { name: 'Sample rate (%)', exact: true });
  }

  get maxRuns(): Locator {
    return this.inspector.getByRole('textbox', { name: 'Keep at most (runs)', exact: true });
  }

  get retentionSummary(): Locator {
    return this.inspector.getByLabel('Flow retention', { exact: true });
  }

  /** Types into a field and leaves it, as a user tabbing on would (the blur ends the undo step). */
  async type(field: Locator, text: string): Promise<void> {
    await field.fill(text);
    await field.blur();
  }

  /** The inline message under a field that refused its text. */
  errorOf(field: Locator): Locator {
    return field.locator('xpath=ancestor::div[contains(@class, "inspector-field")][1]').locator('.field-error');
  }
}
