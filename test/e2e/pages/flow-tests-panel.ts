// The flow's tests: the header's "Run tests" button and the region "Flow tests" it opens under the
// canvas, with its "N passed, N failed" summary and one list item per test named "<test>: passed|failed".
import type { Locator, Page } from 'playwright-core';

export class FlowTestsPanel {
  constructor(private readonly page: Page) {}

  get runTestsButton(): Locator {
    return this.page.getByRole('button', { name: 'Run tests', exact: true });
  }

  get root(): Locator {
    return this.page.getByRole('region', { name: 'Flow tests', exact: true });
  }

  /** "Running tests…", "1 passed, 1 failed", … */
  get summary(): Locator {
    return this.root.locator('.flow-tests-summary');
  }

  /** The row of one test, by its name and outcome. */
  test(name: string, outcome: 'passed' | 'failed'): Locator {
    return this.root.getByRole('listitem', { name: `${name}: ${outcome}`, exact: true });
  }

  /** Waits until the summary matches `pattern`; a timeout names what the panel said instead. */
  async waitForSummary(pattern: RegExp, timeout = 30_000): Promise<void> {
    try {
      await this.summary.filter({ hasText: pattern }).waitFor({ timeout });
    } catch (error) {
      const said = await this.root.innerText().catch(() => '(no Flow tests panel)');
      throw new Error(`the flow tests summary never matched ${pattern}; the panel says:\n${said}`, { cause: error });
    }
  }
}
