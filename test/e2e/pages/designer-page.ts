// The designer as a user sees it, found by role and accessible name (renderer/README.md "Accessible
// names"): the palette, the canvas with its nodes, edges and handles, the header's Save and Run, and the
// panels around them as their own page objects.
import type { Locator, Page } from 'playwright-core';
import { FlowTestsPanel } from './flow-tests-panel.js';
import { FlowsPanel } from './flows-panel.js';
import { InspectorPanel } from './inspector-panel.js';
import { MappingEditor } from './mapping-editor.js';
import { ProblemsList } from './problems-list.js';
import { RunPanel } from './run-panel.js';

export interface Point {
  x: number;
  y: number;
}

export class DesignerPage {
  readonly flows: FlowsPanel;
  readonly inspector: InspectorPanel;
  readonly mappingEditor: MappingEditor;
  readonly runPanel: RunPanel;
  readonly flowTests: FlowTestsPanel;
  readonly problems: ProblemsList;

  constructor(
    readonly page: Page,
    private readonly serverUrl: string,
    private readonly token: string,
  ) {
    this.flows = new FlowsPanel(page);
    this.inspector = new InspectorPanel(page);
    this.mappingEditor = new MappingEditor(page, this.inspector.root);
    this.runPanel = new RunPanel(page);
    this.flowTests = new FlowTestsPanel(page);
    this.problems = new ProblemsList(page);
  }

  /**
   * Opens the designer with the token in the address, as `pipewright serve` suggests; `flowId` opens
   * that flow, and this waits until it is the open flow (the canvas shows before the flow has loaded).
   */
  async open(flowId?: string): Promise<void> {
    await this.page.goto(`${this.serverUrl}?token=${encodeURIComponent(this.token)}${flowId === undefined ? '' : `#/flows/${flowId}`}`);
    await this.canvas.waitFor();
    if (flowId !== undefined) await this.flows.item(flowId).and(this.page.locator('[aria-current="true"]')).waitFor();
  }

  /** Reloads the page (the token is remembered, the open flow is in the address) and waits for the canvas. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.canvas.waitFor();
  }

  // --- palette ---------------------------------------------------------------------------------------

  get paletteRoot(): Locator {
    return this.page.getByRole('complementary', { name: 'Node palette' });
  }

  /** The palette item for a node kind, by its title ("Map", "Manual trigger"). */
  palette(kindTitle: string): Locator {
    return this.paletteRoot.getByRole('button', { name: kindTitle, exact: true });
  }

  /** Drags a node kind from the palette onto the canvas, dropping it at `at` (relative to the canvas). */
  async dragFromPalette(kindTitle: string, at: Point): Promise<void> {
    await this.palette(kindTitle).dragTo(this.canvas, { targetPosition: at });
  }

  // --- canvas ----------------------------------------------------------------------------------------

  get canvas(): Locator {
    return this.page.getByLabel('Flow canvas', { exact: true });
  }

  /** A node on the canvas by its name (its id when it has none). */
  node(name: string): Locator {
    return this.canvas.getByRole('group', { name, exact: true });
  }

  /** The marker for a node that an edge names but the flow lacks ("missing node <id>"). */
  missingNode(id: string): Locator {
    return this.canvas.getByLabel(`missing node ${id}`, { exact: true });
  }

  /** All nodes on the canvas. */
  get nodes(): Locator {
    return this.canvas.locator('.react-flow__node');
  }

  /** An edge by ids: "Edge from a to b" (the default port) or "Edge from a port p to b". */
  edge(fromId: string, toId: string, port?: string): Locator {
    return this.canvas.getByLabel(`Edge from ${fromId}${port === undefined ? '' : ` port ${port}`} to ${toId}`, { exact: true });
  }

  /**
   * Waits until the edge is drawn: its path has a shape with real coordinates. Not "visible": an edge
   * between two nodes at the same height is a horizontal line, whose box is zero pixels high, which
   * Playwright counts as hidden although the line is on screen.
   */
  async waitForEdge(fromId: string, toId: string, port?: string): Promise<void> {
    const path = this.edge(fromId, toId, port).locator('path.react-flow__edge-path');
    await path.waitFor({ state: 'attached' });
    await path.evaluate((element) => new Promise<void>((resolve) => {
      // No named helpers in here: the bundler would wrap them in a function the page does not have.
      const timer = setInterval(() => {
        const d = element.getAttribute('d') ?? '';
        if (/^M-?[\d.]+,-?[\d.]+ /.test(d) && !d.includes('NaN')) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    }));
  }

  /** The output handle of a node's port, labelled "<node> port <port>". */
  outputHandle(nodeName: string, port: string): Locator {
    return this.canvas.getByLabel(`${nodeName} port ${port}`, { exact: true });
  }

  /** The input handle of a node, labelled "<node> input". */
  inputHandle(nodeName: string): Locator {
    return this.canvas.getByLabel(`${nodeName} input`, { exact: true });
  }

  /** Connects `fromNode`'s `port` to `toNode` by dragging from the output handle to the input handle. */
  async connect(fromNode: string, port: string, toNode: string): Promise<void> {
    const from = await centreOf(this.outputHandle(fromNode, port));
    const to = await centreOf(this.inputHandle(toNode));
    const { mouse } = this.page;
    await mouse.move(from.x, from.y);
    await mouse.down();
    // Moved in steps, as a hand would: React Flow starts the connection line on the first moves.
    await mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
    await mouse.move(to.x, to.y, { steps: 5 });
    await mouse.up();
  }

  /** Selects a node by clicking its name. */
  async select(nodeName: string): Promise<void> {
    await this.node(nodeName).locator('.flow-node-name').click();
  }

  // --- header and status bar -------------------------------------------------------------------------

  get saveButton(): Locator {
    return this.page.getByRole('banner').getByRole('button', { name: 'Save', exact: true });
  }

  get runButton(): Locator {
    return this.page.getByRole('banner').getByRole('button', { name: 'Run', exact: true });
  }

  /** The header's "unsaved changes" mark. */
  get unsavedMark(): Locator {
    return this.page.getByRole('banner').getByLabel('unsaved changes');
  }

  /** The status bar's message line ("Saved flows/x.flow.json", "Ready", …). */
  get statusMessage(): Locator {
    return this.page.getByRole('contentinfo', { name: 'Status' }).getByRole('status');
  }

  get statusBar(): Locator {
    return this.page.getByRole('contentinfo', { name: 'Status' });
  }

  /** The status bar's connection state: "Connected" or "Disconnected — retrying; …". */
  get connectionStatus(): Locator {
    return this.statusBar.getByText(/^(Connected|Disconnected\b.*)$/);
  }

  /** Saves with the header's Save button and waits until the status line says the file was written. */
  async save(flowId: string): Promise<void> {
    await this.saveButton.click();
    await this.statusMessage.filter({ hasText: `Saved flows/${flowId}.flow.json` }).waitFor();
  }
}

async function centreOf(locator: Locator): Promise<Point> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error(`${String(locator)} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
