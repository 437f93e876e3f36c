// The mapping editor in the inspector (region "Mapping editor"): the Monaco expression editor
// ("Mapping expression"), its live output ("Mapping output"), the sample input tree ("Sample input")
// and "Pin as expected".
import type { Locator, Page } from 'playwright-core';

export class MappingEditor {
  constructor(
    private readonly page: Page,
    private readonly inspector: Locator,
  ) {}

  get root(): Locator {
    return this.inspector.getByRole('region', { name: 'Mapping editor' });
  }

  /** The Monaco editor once it has loaded (a plain text area stands in until then). */
  get monaco(): Locator {
    return this.root.locator('.monaco-editor');
  }

  /** Monaco's input, named "Mapping expression". */
  get expressionInput(): Locator {
    return this.root.getByRole('textbox', { name: 'Mapping expression' });
  }

  get output(): Locator {
    return this.root.getByRole('region', { name: 'Mapping output' });
  }

  get sampleInput(): Locator {
    return this.root.getByRole('region', { name: 'Sample input' });
  }

  /** The sample tree's button that inserts `path` at the cursor. */
  sampleField(path: string): Locator {
    return this.sampleInput.getByRole('button', { name: `Insert ${path}`, exact: true });
  }

  get pinButton(): Locator {
    return this.root.getByRole('button', { name: 'Pin as expected', exact: true });
  }

  /** The note under "Pin as expected" once it says `text` ("Pinned as the test …", "Not pinned: …"). */
  pinNote(text: string | RegExp): Locator {
    return this.root.locator('.pin-expected').getByRole('status').filter({ hasText: text });
  }

  /** Error squiggles Monaco draws under the expression. */
  get squiggles(): Locator {
    return this.monaco.locator('.squiggly-error');
  }

  /** Waits for Monaco to load, then focuses it with a click. */
  async focus(): Promise<void> {
    await this.monaco.waitFor();
    await this.monaco.locator('.view-lines').click();
  }

  /** Replaces the whole expression by typing `text` key by key, as a user would. */
  async replaceExpression(text: string): Promise<void> {
    await this.focus();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Backspace');
    await this.page.keyboard.type(text, { delay: 15 });
    // Suggestion widgets opened by typing stay out of the way of what comes next.
    await this.page.keyboard.press('Escape');
  }

  /** Types where the cursor is (the editor has focus: after `focus()`, typing, or a sample field's insert). */
  async type(text: string): Promise<void> {
    await this.root.locator('.monaco-editor.focused').waitFor();
    await this.page.keyboard.type(text, { delay: 15 });
  }

  /** The expression as Monaco shows it (one line: spaces as typed). */
  async expression(): Promise<string> {
    const text = await this.monaco.locator('.view-lines').innerText();
    return text.replace(/\u00a0/g, ' ').replace(/\n/g, '');
  }

  /** The live output's text once it is settled (not "Updating…"); `null` until it says something. */
  async outputText(): Promise<string | null> {
    if ((await this.output.getAttribute('aria-busy')) === 'true') return null;
    const body = this.output.locator('pre, p:not(.mapping-output-meta)').first();
    return (await body.count()) === 0 ? null : body.innerText();
  }

  /** What the live output shows: "result", "empty" (no result), "error", "failure" (no answer) or "idle". */
  outputState(): Promise<string | null> {
    return this.output.getAttribute('data-state');
  }
}
