// The flow's tests: the header's "Tests (N)" and "Run tests" buttons and the region "Flow tests" they
// open under the canvas, with its "N passed, N failed" summary, one list item per test named
// "<test>: passed|failed|not run|running" with its Run / Edit / Duplicate / Delete buttons, and the
// form "Edit test <name>" (name, three JSON parts, Apply).
import type { Locator, Page } from 'playwright-core';

export class FlowTestsPanel {
  constructor(private readonly page: Page) {}

  get runTestsButton(): Locator {
    return this.page.getByRole('button', { name: 'Run tests', exact: true });
  }

  /** The header's "Tests (N)" button, which opens the panel. */
  get openButton(): Locator {
    return this.page.getByRole('banner').getByRole('button', { name: /^Tests \(\d+\)$/ });
  }

  /** A button of the panel's header: "New from samples", "New from last run", "Run all". */
  button(name: string): Locator {
    return this.root.getByRole('button', { name, exact: true });
  }

  /** A test's row by name, whatever its outcome. */
  row(name: string): Locator {
    return this.root.getByRole('listitem', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (passed|failed|not run|running)$`) });
  }

  /** Run, Edit, Duplicate or Delete on a test's row. */
  action(verb: 'Run' | 'Edit' | 'Duplicate' | 'Delete', name: string): Locator {
    return this.root.getByRole('button', { name: `${verb} test ${name}`, exact: true });
  }

  /** The edit form of a test (shown after Edit or after a new test is made). */
  editor(name: string): Locator {
    return this.root.getByRole('form', { name: `Edit test ${name}`, exact: true });
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
