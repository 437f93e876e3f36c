// "Pin as expected" away from the trigger, end to end: a Filter after a Map is pinned through a test run
// of the real engine (refused while its condition fails, naming the node), the saved flow carries the
// test, and `pipewright test` passes on the file. Steps run in order and stop at the first failure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumCheck, openSession, pipewright, skipAfterFirstFailure, type E2eSession } from './harness.js';
import { DesignerPage } from './pages/designer-page.js';

const FLOW_ID = 'big-orders';
const SAMPLE = { name: 'Ada', items: [{ sku: 'A-1', qty: 2 }, { sku: 'B-7', qty: 3 }] };
// Typed key by key without spaces (Monaco closes brackets and quotes; typing the closer steps over it).
const MAP_EXPRESSION = '{"who":name,"units":$sum(items.qty)}';
const MAPPED = { who: 'Ada', units: 5 };
const FAILING_CONDITION = '$error("no units")';
const CONDITION = 'units>4';

describe.skipIf(!chromiumCheck.present).sequential('pinning a node downstream of a Map', () => {
  let session: E2eSession;
  let designer: DesignerPage;

  beforeAll(async () => {
    session = await openSession();
    designer = new DesignerPage(session.page, session.server.url, session.server.token);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  skipAfterFirstFailure();

  it('builds Manual trigger → Map → Filter with a sample and a mapping', async () => {
    await designer.open();
    await designer.flows.create(FLOW_ID, 'Big orders');
    await designer.dragFromPalette('Manual trigger', { x: 150, y: 200 });
    await designer.node('manualTrigger').waitFor();
    await designer.dragFromPalette('Map', { x: 420, y: 200 });
    await designer.node('map').waitFor();
    await designer.dragFromPalette('Filter', { x: 690, y: 200 });
    await designer.node('filter').waitFor();
    await designer.connect('manualTrigger', 'out', 'map');
    await designer.waitForEdge('manualTrigger', 'map');
    await designer.connect('map', 'out', 'filter');
    await designer.waitForEdge('map', 'filter');

    await designer.select('manualTrigger');
    await designer.inspector.setSample(JSON.stringify(SAMPLE));
    await designer.select('map');
    await designer.mappingEditor.replaceExpression(MAP_EXPRESSION);
    await expect.poll(() => designer.mappingEditor.expression()).toBe(MAP_EXPRESSION);
  });

  it('offers the pin on a node without a JSONata field too (the trigger)', async () => {
    await designer.select('manualTrigger');
    await expect.poll(() => designer.inspector.kind.innerText()).toBe('Manual trigger');
    expect(await designer.mappingEditor.pinButton.isEnabled()).toBe(true);
  });

  it('refuses to pin the Filter while its condition fails, saying where and why', async () => {
    await designer.select('filter');
    await expect.poll(() => designer.inspector.kind.innerText()).toBe('Filter');
    await designer.mappingEditor.replaceExpression(FAILING_CONDITION);
    await expect.poll(() => designer.mappingEditor.expression()).toBe(FAILING_CONDITION);
    await designer.mappingEditor.pinButton.click();
    await designer.mappingEditor.pinNote(/Not pinned: a message failed at this node: .*no units/).waitFor();
  });

  it('pins the Filter\'s output, computed by the engine from the Map\'s', async () => {
    await designer.mappingEditor.replaceExpression(CONDITION);
    await expect.poll(() => designer.mappingEditor.expression()).toBe(CONDITION);
    await designer.mappingEditor.pinButton.click();
    await designer.mappingEditor.pinNote('Pinned as the test "filter output" (1 output)').waitFor();
  });

  it('saves the test with the trigger\'s sample as input and the Filter\'s output as expected', async () => {
    await designer.save(FLOW_ID);
    const saved = JSON.parse(readFileSync(join(session.workspace, 'flows', `${FLOW_ID}.flow.json`), 'utf8')) as unknown;
    expect(saved).toMatchObject({
      nodes: [{ id: 'manualTrigger' }, { id: 'map', config: { expression: MAP_EXPRESSION } }, { id: 'filter', config: { condition: CONDITION } }],
      tests: [{ name: 'filter output', input: { manualTrigger: [SAMPLE] }, expect: { filter: [MAPPED] } }],
    });
  });

  it('passes `pipewright test` on the saved file', async () => {
    const result = await pipewright(['--workspace', session.workspace, 'test', FLOW_ID], session.workspace);
    expect(result.stdout).toContain(`✓ ${FLOW_ID} › filter output`);
    expect(result.stdout).toContain('1 passed, 0 failed');
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it('says under the button that pinning calls the real API once an HTTP request follows', async () => {
    await designer.dragFromPalette('HTTP request', { x: 420, y: 420 });
    await designer.node('httpRequest').waitFor();
    await designer.connect('filter', 'out', 'httpRequest');
    await designer.waitForEdge('filter', 'httpRequest');
    await designer.select('httpRequest');
    await designer.mappingEditor.root.getByText('Pinning test-runs the flow, so this node calls the real API').waitFor();
    await designer.select('filter');
    await designer.mappingEditor.root.getByText('so the HTTP request "httpRequest" calls the real API').waitFor();
  });

  it('threw no uncaught errors in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
