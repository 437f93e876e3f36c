// The status bar's problem count and the list it opens ("Problems"): one button per node or edge
// problem, named by where it is and what is wrong.
import type { Locator, Page } from 'playwright-core';

export class ProblemsList {
  constructor(private readonly page: Page) {}

  /** "3 problems" in the status bar. */
  get button(): Locator {
    return this.page.getByRole('contentinfo', { name: 'Status' }).getByRole('button', { name: /^\d+ problems?$/ });
  }

  get root(): Locator {
    return this.page.getByRole('dialog', { name: 'Problems' });
  }

  /** The entries whose text contains `text` ("node shape", "edge shape → other"). */
  item(text: string): Locator {
    return this.root.getByRole('button').filter({ hasText: text });
  }

  get items(): Locator {
    return this.root.getByRole('listitem');
  }
}
