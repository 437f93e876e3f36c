// Samples at every node, end to end in Chromium against the real server: the third node of a chain
// shows its input worked out from the trigger's sample through a Map and a Filter, without a click;
// an edit upstream shows at once; a Filter that lets nothing through says so, naming it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeFlow } from '../../shared/flow/serialize.js';
import type { FlowDocument } from '../../shared/flow/schema.js';
import { chromiumCheck, openSession, type E2eSession } from './harness.js';
import { DesignerPage } from './pages/designer-page.js';

const FLOW_ID = 'sample-chain';
const FLOW: FlowDocument = {
  format: 'pipewright/flow@1',
  id: FLOW_ID,
  name: 'Sample chain',
  nodes: [
    { id: 'orders', type: 'trigger.manual', position: [0, 0], config: {} },
    { id: 'shape', type: 'transform.map', position: [260, 0], config: { expression: '{ "orderNo": id, "gross": total * 2 }' } },
    { id: 'big', type: 'transform.filter', position: [520, 0], config: { condition: 'gross >= 100' } },
    { id: 'erp', type: 'transform.map', position: [780, 0], config: { expression: '{ "no": orderNo }' } },
  ],
  edges: [{ from: 'orders', to: 'shape' }, { from: 'shape', to: 'big' }, { from: 'big', to: 'erp' }],
  samples: { orders: [{ id: 'A-7', total: 60 }] },
};

describe.skipIf(!chromiumCheck.present).sequential('samples at every node', () => {
  let session: E2eSession;
  let designer: DesignerPage;

  beforeAll(async () => {
    session = await openSession();
    writeFileSync(join(session.workspace, 'flows', `${FLOW_ID}.flow.json`), serializeFlow(FLOW));
    designer = new DesignerPage(session.page, session.server.url, session.server.token);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  const sampleInput = () => session.page.getByRole('region', { name: 'Sample input' });

  it('shows the third node its input worked out through the Map and the Filter', async () => {
    await designer.open(FLOW_ID);
    await designer.node('erp').waitFor();
    await designer.select('erp');
    await session.page.getByText('Input worked out from the sample of Manual trigger "orders" through Map "shape" → Filter "big".').waitFor();
    await sampleInput().getByRole('button', { name: 'Insert orderNo' }).waitFor();
    await sampleInput().getByRole('button', { name: 'Insert gross' }).waitFor();
  });

  it('says which Filter let no sample through after an edit upstream', async () => {
    await designer.select('big');
    await designer.mappingEditor.replaceExpression('gross >= 1000');
    await designer.select('erp');
    await sampleInput().getByText(/No sample message reaches this node: none left the Filter "big"/).waitFor();
    expect(session.pageErrors).toEqual([]);
  });
});
