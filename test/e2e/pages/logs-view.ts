// The Logs view as a user sees it (renderer/src/operations/logs-view.tsx): the "Logs" view button, the
// "Logs" region with its filters (Flow, Run, Level, Node, Search), the status line, the "Log lines"
// log with its lines, node links and "Jump to latest". Found by role and accessible name.
import type { Locator, Page } from 'playwright-core';

export class LogsView {
  constructor(private readonly page: Page) {}

  get tab(): Locator {
    return this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Logs', exact: true });
  }

  get root(): Locator {
    return this.page.getByRole('region', { name: 'Logs', exact: true });
  }

  async open(): Promise<void> {
    await this.tab.click();
    await this.root.waitFor();
  }

  filter(name: 'Flow' | 'Run' | 'Level' | 'Node'): Locator {
    return this.root.getByRole('form', { name: 'Log filters' }).getByRole('combobox', { name, exact: true });
  }

  get search(): Locator {
    return this.root.getByRole('searchbox', { name: 'Search', exact: true });
  }

  get status(): Locator {
    return this.root.getByRole('status');
  }

  get log(): Locator {
    return this.root.getByRole('log', { name: 'Log lines' });
  }

  get lines(): Locator {
    return this.log.getByRole('listitem');
  }

  /** The lines' text, one string per line: time, level word, node, message. */
  async lineTexts(): Promise<string[]> {
    return (await this.lines.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  }

  nodeLink(nodeId: string): Locator {
    return this.log.getByRole('button', { name: `Show node ${nodeId} on canvas`, exact: true });
  }

  get jumpToLatest(): Locator {
    return this.root.getByRole('button', { name: /^Jump to latest/ });
  }
}
