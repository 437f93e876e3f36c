// The mapping workbench (dialog "Mapping workbench — <node>"): the input pane with its field tree, the
// wide expression editor ("Workbench expression") with Format and the value under the cursor, and the
// output pane with one output per input message, the pinned expectation and the node's tests.
import type { Locator, Page } from 'playwright-core';

export class Workbench {
  constructor(private readonly page: Page) {}

  get root(): Locator {
    return this.page.getByRole('dialog', { name: /^Mapping workbench — / });
  }

  /** The mapping panel's button that opens the workbench. */
  get openButton(): Locator {
    return this.page.getByRole('region', { name: 'Mapping editor' }).getByRole('button', { name: 'Open workbench', exact: true });
  }

  get closeButton(): Locator {
    return this.root.getByRole('button', { name: 'Close', exact: true });
  }

  get input(): Locator {
    return this.root.getByRole('region', { name: 'Input' });
  }

  /** The input tree's field that inserts `path` (click it, or drag it onto the editor). */
  field(path: string): Locator {
    return this.input.getByRole('button', { name: `Insert ${path}`, exact: true });
  }

  get monaco(): Locator {
    return this.root.locator('.monaco-editor');
  }

  get formatButton(): Locator {
    return this.root.getByRole('button', { name: 'Format', exact: true });
  }

  get valueUnderCursor(): Locator {
    return this.root.getByRole('status', { name: 'Value under the cursor' });
  }

  /** The output of input message `n` (1-based). */
  output(n: number): Locator {
    return this.root.getByRole('region', { name: `Output ${n}`, exact: true });
  }

  /** The pinned expected output shown beside output `n`. */
  expected(n: number): Locator {
    return this.root.getByRole('region', { name: `Expected ${n}`, exact: true });
  }

  get tests(): Locator {
    return this.root.getByRole('list', { name: 'Flow tests of this node' });
  }

  /** The drag handle between the input and expression panes (arrow keys move it). */
  get inputHandle(): Locator {
    return this.root.getByRole('separator', { name: 'Resize input and expression panes' });
  }

  /** A tab of the input pane ("Tree", "Table", "JSON"). */
  inputView(name: string): Locator {
    return this.input.getByRole('tablist', { name: 'Input view' }).getByRole('tab', { name, exact: true });
  }

  /** Waits for Monaco, then clicks into its text. */
  async focusEditor(): Promise<void> {
    await this.monaco.waitFor();
    await this.monaco.locator('.view-lines').click();
  }

  /** Empties the expression (select all, delete). */
  async clearExpression(): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Backspace');
  }

  /** Drags the input field `path` onto the end of the editor's first line. */
  async dragFieldToEditor(path: string): Promise<void> {
    const lines = this.monaco.locator('.view-lines');
    const box = await lines.boundingBox();
    if (box === null) throw new Error('the workbench editor is not visible');
    await this.field(path).dragTo(lines, { targetPosition: { x: box.width / 2, y: 8 } });
  }

  /** The expression as Monaco shows it, lines joined with "\n". */
  async expression(): Promise<string> {
    const text = await this.monaco.locator('.view-lines').innerText();
    return text.replace(/\u00a0/g, ' ');
  }

  async outputText(n: number): Promise<string> {
    return this.output(n).locator('pre').first().innerText();
  }
}
