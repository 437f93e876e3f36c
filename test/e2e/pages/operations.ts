// The operations views as a user sees them (renderer/src/operations): the view buttons, the "Runs"
// region with its list and the "Run details" region, and the "Dead letters" region with its list,
// actions, confirmation and the status line. Everything is found by role and accessible name.
import type { Locator, Page } from 'playwright-core';

export class OperationsPage {
  constructor(private readonly page: Page) {}

  viewButton(name: 'Design' | 'Runs' | 'Dead letters' | 'Flows overview'): Locator {
    // The Dead letters tab's name ends with the count of letters waiting ("Dead letters 3") when there are any.
    return this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', name === 'Dead letters' ? { name: /^Dead letters( [\d,]+)?$/ } : { name, exact: true });
  }

  /** The count on the Dead letters tab (0 when it shows none). */
  async deadLetterTabCount(): Promise<number> {
    const name = await this.viewButton('Dead letters').innerText();
    return Number(/([\d,]+)$/.exec(name)?.[1]?.replace(/,/g, '') ?? 0);
  }

  // --- Runs ------------------------------------------------------------------------------------------

  get runs(): Locator {
    return this.page.getByRole('region', { name: 'Runs', exact: true });
  }

  async openRuns(): Promise<void> {
    await this.viewButton('Runs').click();
    await this.runs.waitFor();
  }

  /** The row of a run in the Runs list. */
  runRow(runId: string): Locator {
    return this.runs.getByRole('table', { name: 'Runs list' }).getByRole('row').filter({ has: this.page.getByRole('button', { name: `Open run ${runId}`, exact: true }) });
  }

  /** The Runs list's rows, header excluded. */
  get runRows(): Locator {
    return this.runs.getByRole('table', { name: 'Runs list' }).locator('tbody').getByRole('row');
  }

  async openRun(runId: string): Promise<void> {
    await this.runs.getByRole('button', { name: `Open run ${runId}`, exact: true }).click();
    await this.runDetails.waitFor();
  }

  get runDetails(): Locator {
    return this.runs.getByRole('region', { name: 'Run details', exact: true });
  }

  /** A node's row in "Steps per node": node, steps, errors, average, slowest. */
  nodeSteps(nodeId: string): Locator {
    return this.runDetails.getByRole('table', { name: 'Steps per node' }).getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: nodeId, exact: true }) });
  }

  async showMessage(nodeId: string, messageId: string): Promise<void> {
    await this.runDetails.getByRole('button', { name: `Messages at ${nodeId}`, exact: true }).click();
    await this.runDetails.getByRole('region', { name: `Messages at ${nodeId}` }).getByRole('button', { name: `Show message ${messageId}`, exact: true }).click();
    await this.messagePath.waitFor();
  }

  get messagePath(): Locator {
    return this.runDetails.getByRole('region', { name: 'Message path' });
  }

  /** The payload before (`Before <node>`) or after (`After <node>`) a node on the message's path. */
  payload(side: 'Before' | 'After', nodeId: string): Locator {
    return this.messagePath.getByRole('region', { name: `${side} ${nodeId}`, exact: true });
  }

  /** "Use as sample" of the payload before `nodeId` on the message's path. */
  async useAsSample(nodeId: string): Promise<void> {
    await this.messagePath.getByRole('button', { name: `Use as sample for ${nodeId}`, exact: true }).click();
  }

  /** The note over the canvas while it shows a past run. */
  get pastRunNote(): Locator {
    return this.page.getByRole('note', { name: 'Past run on the canvas' });
  }

  // --- Flows overview ---------------------------------------------------------------------------------

  get overview(): Locator {
    return this.page.getByRole('region', { name: 'Flows overview', exact: true });
  }

  /** A live flow's card in the Flows overview. */
  flowCard(flowId: string): Locator {
    return this.overview.getByRole('article', { name: `Flow ${flowId}`, exact: true });
  }

  /** One of a flow's charts, named "<label>: <latest value>" ("Messages per minute: 120 /min"). */
  chart(flowId: string, label: 'Messages per minute' | 'Error rate' | 'Queue depth' | 'Oldest message age'): Locator {
    return this.flowCard(flowId).getByRole('img', { name: new RegExp(`^${label}: `) });
  }

  /** Opens one of the Flows overview's workspace dialogs ("Export flows…", "Import bundle…", "Retention…"). */
  async openWorkspaceDialog(button: 'Export flows…' | 'Import bundle…' | 'Retention…', title: string): Promise<Locator> {
    await this.overview.getByRole('toolbar', { name: 'Workspace' }).getByRole('button', { name: button, exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: title, exact: true });
    await dialog.waitFor();
    return dialog;
  }

  // --- Dead letters ----------------------------------------------------------------------------------

  get deadLetters(): Locator {
    return this.page.getByRole('region', { name: 'Dead letters', exact: true });
  }

  async openDeadLetters(): Promise<void> {
    await this.viewButton('Dead letters').click();
    await this.deadLetters.waitFor();
  }

  /** The status line: "3 dead letters", "No dead letters.", "Replaying 3 dead letters… …". */
  get deadLetterStatus(): Locator {
    return this.deadLetters.getByRole('status').first();
  }

  get deadLetterRows(): Locator {
    return this.deadLetters.getByRole('table', { name: 'Dead letters list' }).locator('tbody').getByRole('row');
  }

  get deadLetter(): Locator {
    return this.deadLetters.getByRole('region', { name: 'Dead letter', exact: true });
  }

  /** Opens the dead letter at `index` of the list (newest first). */
  async openDeadLetter(index: number): Promise<void> {
    await this.deadLetterRows.nth(index).getByRole('button', { name: /^Open dead letter / }).click();
    await this.deadLetter.waitFor();
  }

  /** Replay all → the confirmation naming the count → its Replay N button. */
  async replayAll(expectedCount: number): Promise<void> {
    await this.deadLetters.getByRole('button', { name: 'Replay all', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: `Replay ${expectedCount} dead letter${expectedCount === 1 ? '' : 's'}?` });
    await dialog.getByRole('button', { name: `Replay ${expectedCount}`, exact: true }).click();
  }
}
