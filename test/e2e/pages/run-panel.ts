// The test run: the region "Run" under the canvas with its summary and, for the selected node, the
// regions "Node input" and "Node output"; and the run badges on the canvas nodes.
import type { Locator, Page } from 'playwright-core';

export class RunPanel {
  constructor(private readonly page: Page) {}

  get root(): Locator {
    return this.page.getByRole('region', { name: 'Run', exact: true });
  }

  /** "Not run yet", "Running, 1 message in, 1 waiting", "Succeeded, 1 message in, 1 out, 0 dead letters", … */
  get summary(): Locator {
    return this.root.locator('.run-summary');
  }

  get nodeInput(): Locator {
    return this.root.getByRole('region', { name: 'Node input' });
  }

  get nodeOutput(): Locator {
    return this.root.getByRole('region', { name: 'Node output' });
  }

  /** A node's run status badge ("Run status ok") inside `node`. */
  static status(node: Locator, status: 'ok' | 'error' | 'running' | 'idle'): Locator {
    return node.getByRole('img', { name: `Run status ${status}`, exact: true });
  }

  /** A node's counts badge ("1 in, 1 out"). */
  static counts(node: Locator, text: string): Locator {
    return node.getByRole('img', { name: text, exact: true });
  }

  /** Waits until the summary matches `pattern`; a timeout names what it said instead. */
  async waitForSummary(pattern: RegExp, timeout = 20_000): Promise<void> {
    try {
      await this.summary.filter({ hasText: pattern }).waitFor({ timeout });
    } catch (error) {
      const said = await this.root.innerText().catch(() => '(no run panel)');
      throw new Error(`the run summary never matched ${pattern}; the run panel says:\n${said}`, { cause: error });
    }
  }
}
