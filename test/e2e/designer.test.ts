// The designer end to end (issue 3, "Proof that it works"): Debian's Chromium, driven by playwright-core,
// against the real `pipewright serve` on a temporary workspace. One user's session, step by step: each
// test continues where the one before left off, so they run in order and stop at the first failure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumCheck, openSession, pipewright, skipAfterFirstFailure, type E2eSession } from './harness.js';
import { DesignerPage } from './pages/designer-page.js';
import { RunPanel } from './pages/run-panel.js';

const FLOW_ID = 'greetings';
const SAMPLE = { name: 'Ada', items: [{ sku: 'A-1', qty: 2 }, { sku: 'B-7', qty: 3 }] };
// Typed key by key; Monaco closes brackets and quotes as they open, and typing the closer steps over it.
// No spaces: see the test about spaces at the end.
const EXPRESSION = '{"greeting":$uppercase(name),"units":$sum(items.qty)}';
const EXPECTED_OUTPUT = { greeting: 'ADA', units: 5 };
const BROKEN_EXPRESSION = '$sum(items.qty)+/2';

describe.skipIf(!chromiumCheck.present).sequential('the designer in Chromium against pipewright serve', () => {
  let session: E2eSession;
  let designer: DesignerPage;
  let savedFlow: SavedFlow | undefined;

  beforeAll(async () => {
    session = await openSession();
    designer = new DesignerPage(session.page, session.server.url, session.server.token);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  skipAfterFirstFailure();

  it('opens on an empty canvas that says to start with a trigger', async () => {
    await designer.open();
    await session.page.getByRole('heading', { name: 'Start with a trigger' }).waitFor();
    expect(await designer.nodes.count()).toBe(0);
  });

  it('builds a flow by dragging a Manual trigger and a Map onto the canvas and connecting them', async () => {
    await designer.flows.create(FLOW_ID, 'Greetings');
    await designer.dragFromPalette('Manual trigger', { x: 200, y: 200 });
    await designer.node('manualTrigger').waitFor();
    await designer.dragFromPalette('Map', { x: 550, y: 200 });
    await designer.node('map').waitFor();

    await designer.connect('manualTrigger', 'out', 'map');

    await designer.waitForEdge('manualTrigger', 'map');
    await expect.poll(() => designer.statusBar.innerText()).toContain('2 nodes, 1 edge');
    await session.page.getByRole('heading', { name: 'Start with a trigger' }).waitFor({ state: 'detached' });
  });

  it('gives the trigger a sample message as JSON', async () => {
    await designer.select('manualTrigger');
    await expect.poll(() => designer.inspector.kind.innerText()).toBe('Manual trigger');
    await designer.inspector.setSample(JSON.stringify(SAMPLE));
    expect(await designer.inspector.sampleJson.getAttribute('aria-invalid')).toBe('false');
  });

  it('names the Map in the inspector and the canvas shows the new name', async () => {
    await designer.select('map');
    await expect.poll(() => designer.inspector.kind.innerText()).toBe('Map');
    await designer.inspector.rename('Greet');
    await designer.node('Greet').waitFor();
    expect(await designer.node('map').count()).toBe(0);
  });

  it('shows the live output of a mapping as it is typed, with a field path inserted from the sample tree', async () => {
    const editor = designer.mappingEditor;
    await editor.sampleField('name').waitFor();
    await editor.replaceExpression('{"greeting":$uppercase(');
    await editor.sampleField('name').click();
    await editor.type('),"units":$sum(items.qty');
    await expect.poll(() => editor.expression()).toBe(EXPRESSION);
    await expect.poll(async () => parseOrText(await editor.outputText())).toEqual(EXPECTED_OUTPUT);
    expect(await editor.outputState()).toBe('result');
    expect(await editor.squiggles.count()).toBe(0);
  });

  it('marks a broken expression with an error squiggle and says why in the output', async () => {
    const editor = designer.mappingEditor;
    await editor.replaceExpression(BROKEN_EXPRESSION);
    await editor.squiggles.first().waitFor();
    await expect.poll(() => editor.outputState()).toBe('error');
    expect(await editor.outputText()).toMatch(/\S/);
  });

  it('clears the squiggle once the expression is fixed', async () => {
    const editor = designer.mappingEditor;
    await editor.replaceExpression(EXPRESSION);
    await expect.poll(() => editor.expression()).toBe(EXPRESSION);
    await expect.poll(async () => parseOrText(await editor.outputText())).toEqual(EXPECTED_OUTPUT);
    await expect.poll(() => editor.squiggles.count()).toBe(0);
  });

  it('pins the current output as the expected result of a flow test', async () => {
    await designer.mappingEditor.pinButton.click();
    await designer.mappingEditor.root.getByRole('status').filter({ hasText: 'Pinned as the test "Greet output" (1 output)' }).waitFor();
  });

  it('test-runs the flow: every node reports its counts, and the selected node shows its input and output', async () => {
    await designer.runButton.click();
    await designer.runPanel.waitForSummary(/^Succeeded, 1 message in, 1 out, 0 dead letters/);
    for (const name of ['manualTrigger', 'Greet']) {
      await RunPanel.status(designer.node(name), 'ok').waitFor();
      await RunPanel.counts(designer.node(name), '1 in, 1 out').waitFor();
    }
    await designer.select('Greet');
    const input = designer.runPanel.nodeInput;
    const output = designer.runPanel.nodeOutput;
    await input.locator('pre').first().waitFor();
    expect(JSON.parse(await input.locator('pre').first().innerText())).toEqual(SAMPLE);
    await output.getByText('port out', { exact: true }).waitFor();
    expect(JSON.parse(await output.locator('pre').first().innerText())).toEqual(EXPECTED_OUTPUT);
  });

  it('saves the flow to flows/greetings.flow.json with its nodes, edge, mapping, sample and test', async () => {
    await designer.unsavedMark.waitFor();
    await designer.save(FLOW_ID);
    await designer.unsavedMark.waitFor({ state: 'detached' });
    const saved = JSON.parse(readFileSync(join(session.workspace, 'flows', `${FLOW_ID}.flow.json`), 'utf8')) as SavedFlow;
    expect(saved).toMatchObject({
      id: FLOW_ID,
      name: 'Greetings',
      nodes: [
        { id: 'manualTrigger', type: 'trigger.manual' },
        { id: 'map', type: 'transform.map', name: 'Greet', config: { expression: EXPRESSION } },
      ],
      edges: [{ from: 'manualTrigger', to: 'map' }],
      samples: { manualTrigger: [SAMPLE] },
      tests: [{ name: 'Greet output', input: { manualTrigger: [SAMPLE] }, expect: { map: [EXPECTED_OUTPUT] } }],
    });
    savedFlow = saved;
  });

  it('finds everything as it was after reloading the page', async () => {
    await designer.reload();
    await designer.node('Greet').waitFor();
    await designer.waitForEdge('manualTrigger', 'map');
    await expect.poll(() => designer.statusBar.innerText()).toMatch(/2 nodes, 1 edge[\s\S]*No problems[\s\S]*Saved/);
    expect(await designer.unsavedMark.count()).toBe(0);
    await designer.flows.item(FLOW_ID).and(session.page.locator('[aria-current="true"]')).waitFor();
    // Left to right as built: the trigger, then the Map.
    const trigger = await designer.node('manualTrigger').boundingBox();
    const greet = await designer.node('Greet').boundingBox();
    expect(trigger !== null && greet !== null && trigger.x < greet.x).toBe(true);

    await designer.select('Greet');
    await expect.poll(() => designer.inspector.nameField.inputValue()).toBe('Greet');
    await designer.mappingEditor.monaco.waitFor();
    await expect.poll(() => designer.mappingEditor.expression()).toBe(EXPRESSION);
    await expect.poll(async () => parseOrText(await designer.mappingEditor.outputText())).toEqual(EXPECTED_OUTPUT);

    await designer.select('manualTrigger');
    await expect.poll(async () => JSON.parse(await designer.inspector.sampleJson.inputValue()) as unknown).toEqual(SAMPLE);
    // Reloading wrote nothing: the file is byte for byte what was saved.
    expect(JSON.parse(readFileSync(join(session.workspace, 'flows', `${FLOW_ID}.flow.json`), 'utf8'))).toEqual(savedFlow);
  });

  it('passes `pipewright test` on the saved file', async () => {
    const result = await pipewright(['--workspace', session.workspace, 'test', FLOW_ID], session.workspace);
    expect(result.stdout).toContain(`✓ ${FLOW_ID} › Greet output`);
    expect(result.stdout).toContain('1 passed, 0 failed');
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  // The event stream (SSE) has no replay: a run that ends before the stream is connected must still
  // be seen to end. A stream delayed by a second makes that case certain.
  it('finishes the first test run after a reload even when the event stream connects after the run ended', async () => {
    await designer.reload();
    await designer.node('Greet').waitFor();
    await session.page.route('**/api/events**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      // The page may give up a held stream request meanwhile (EventSource reconnects); Playwright then
      // reports the route as handled (microsoft/playwright#29123) and there is nothing left to continue.
      // That was this test's intermittent "Route is already handled!" under load, not the designer's.
      await route.continue().catch((error: unknown) => {
        if (!String(error).includes('Route is already handled')) throw error;
      });
    });
    try {
      await designer.runButton.click();
      await designer.runPanel.waitForSummary(/^Succeeded/, 5_000);
    } finally {
      // Wait for a handler still holding the stream back: unrouting under it makes its continue() throw.
      await session.page.unrouteAll({ behavior: 'wait' });
    }
  });

  // React Flow's pan key (Space) calls preventDefault on every Space keydown outside an input or
  // contenteditable, and Monaco 0.57 types through an EditContext <div> that is neither; the inspector's
  // `nokey` class is what lets a space reach the mapping expression.
  it('types a space into the mapping expression like any other character', async () => {
    await designer.select('Greet');
    const editor = designer.mappingEditor;
    await editor.replaceExpression('"a b"');
    await expect.poll(() => editor.expression(), { timeout: 2_000 }).toBe('"a b"');
  });

  it('threw no uncaught errors in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});

interface SavedFlow {
  id: string;
  nodes: unknown[];
}

function parseOrText(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
