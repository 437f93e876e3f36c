// The test run: the region "Run" under the canvas with its summary, its Stop and "Run with file…"
// buttons and, for the selected node, the regions "Node input" and "Node output"; and the run badges on
// the canvas nodes.
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

  /** Shown while a run is busy. */
  get stopButton(): Locator {
    return this.root.getByRole('button', { name: 'Stop', exact: true });
  }

  get runWithFileButton(): Locator {
    return this.root.getByRole('button', { name: 'Run with file…', exact: true });
  }

  /** What the panel says about the run beyond its summary: a stopped run's next steps, a bad input file. */
  get notice(): Locator {
    return this.root.getByRole('status');
  }

  get alert(): Locator {
    return this.root.getByRole('alert');
  }

  /** Picks `path` in the browser's file chooser that "Run with file…" opens. */
  async runWithFile(path: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.runWithFileButton.click();
    await (await chooser).setFiles(path);
  }

  /** A node's run status badge ("Run status ok") inside `node`. */
  static status(node: Locator, status: 'ok' | 'error' | 'running' | 'idle'): Locator {
    return node.getByRole('img', { name: `Run status ${status}`, exact: true });
  }

  /** A node's counts badge ("1 in, 1 out", "1 in, 0 out, 5 attempts, failed"). */
  static counts(node: Locator, text: string): Locator {
    return node.getByRole('img', { name: text, exact: true });
  }

  /** The whole run badge of a node (status and counts). */
  static badge(node: Locator): Locator {
    return node.locator('.node-run-badge');
  }

  /** The label of an output port drawn on a node ("out", "rejected"). */
  static portLabel(node: Locator, port: string): Locator {
    return node.locator('.flow-node-port-label').getByText(port, { exact: true });
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
