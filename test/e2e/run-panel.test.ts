// The designer's test run tells the truth, end to end in Chromium against the real server: counts in
// messages (in, out, dead letters; a retried HTTP node's attempts as attempts, against a real HTTP
// server on 127.0.0.1 answering 503), a run badge clear of the port labels, the last run shown again
// after a reload, Stop on a slow run (the same server holding its answer), and a run fed from a JSONL
// file, whose malformed line is named. One session, step by step in order.
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument, FlowNode } from '../../shared/flow/schema.js';
import { serializeFlow } from '../../shared/flow/serialize.js';
import { chromiumCheck, openSession, skipAfterFirstFailure, type E2eSession } from './harness.js';
import { DesignerPage } from './pages/designer-page.js';
import { RunPanel } from './pages/run-panel.js';

const node = (id: string, type: string, x: number, config: Record<string, unknown> = {}, extra: Partial<FlowNode> = {}): FlowNode => ({ id, type, position: [x, 0], config, ...extra });
const chain = (id: string, nodes: FlowNode[], samples: unknown[]): FlowDocument => ({
  format: 'pipewright/flow@1',
  id,
  name: id,
  nodes,
  edges: nodes.slice(1).map((to, index) => ({ from: nodes[index]?.id ?? '', to: to.id })),
  samples: { [nodes[0]?.id ?? '']: samples },
});

/** One message through four nodes: four steps, one message in and one out. */
const FOUR_NODES = chain('four-nodes', [
  node('orders', 'trigger.manual', 0),
  node('shape', 'transform.map', 260, { expression: '{ "orderNo": id, "gross": total * 2 }' }),
  node('big', 'transform.filter', 520, { condition: 'gross >= 100' }),
  node('erp', 'transform.map', 780, { expression: '{ "no": orderNo }' }),
], [{ id: 'A-7', total: 60 }]);

/** Two triggers feeding one Map: a file picked for it must go to the one the user names. */
const TWO_TRIGGERS: FlowDocument = {
  format: 'pipewright/flow@1',
  id: 'two-triggers',
  name: 'two-triggers',
  nodes: [node('web', 'trigger.manual', 0), { ...node('shop', 'trigger.manual', 0), position: [0, 160] }, node('greet', 'transform.map', 260, { expression: '{ "hello": name }' })],
  edges: [{ from: 'web', to: 'greet' }, { from: 'shop', to: 'greet' }],
};

describe.skipIf(!chromiumCheck.present).sequential('the test run in the run panel', () => {
  let session: E2eSession;
  let designer: DesignerPage;
  let api: Server;
  let apiUrl: string;
  const served = new Map<string, number>();
  const requests = (path: string): number => served.get(path) ?? 0;

  beforeAll(async () => {
    // The API the HTTP nodes call: /unavailable answers 503 (retried, then a dead letter); /slow holds
    // its answer for a minute, so a run stays busy until it is stopped.
    api = createServer((request, response) => {
      served.set(request.url ?? '', requests(request.url ?? '') + 1);
      if (request.url === '/slow') {
        const timer = setTimeout(() => response.end('{}'), 60_000);
        response.on('close', () => clearTimeout(timer));
        return;
      }
      response.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"down for maintenance"}');
    });
    api.listen(0, '127.0.0.1');
    await once(api, 'listening');
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    session = await openSession();
    const flows = [
      FOUR_NODES,
      chain('call-api', [node('start', 'trigger.manual', 0), node('call', 'http.request', 260, { method: 'GET', url: `${apiUrl}/unavailable` }, { retry: { maxAttempts: 5, backoffMs: 0, maxBackoffMs: 0 } })], [{ n: 1 }]),
      TWO_TRIGGERS,
      chain('slow-api', [node('start', 'trigger.manual', 0), node('call', 'http.request', 260, { method: 'GET', url: `${apiUrl}/slow`, timeoutMs: 120_000 })], [{ n: 1 }, { n: 2 }]),
    ];
    for (const flow of flows) writeFileSync(join(session.workspace, 'flows', `${flow.id}.flow.json`), serializeFlow(flow));
    designer = new DesignerPage(session.page, session.server.url, session.server.token);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    api?.closeAllConnections();
    api?.close();
  });

  /** Opens a flow from the flows list, inside the running designer (no page load). */
  const openFromList = async (flowId: string): Promise<void> => {
    await designer.flows.item(flowId).click();
    await designer.flows.item(flowId).and(session.page.locator('[aria-current="true"]')).waitFor();
  };

  skipAfterFirstFailure();

  it('says one message in and one out for one message through four nodes', async () => {
    await designer.open(FOUR_NODES.id);
    await designer.node('erp').waitFor();
    await designer.runButton.click();
    await designer.runPanel.waitForSummary(/^Succeeded, 1 message in, 1 out, 0 dead letters$/);
    for (const name of ['orders', 'shape', 'big', 'erp']) await RunPanel.counts(designer.node(name), '1 in, 1 out').waitFor();
  });

  it('draws the run badge clear of the Filter\'s port labels', async () => {
    const filter = designer.node('big');
    const badge = await RunPanel.badge(filter).boundingBox();
    expect(badge).not.toBeNull();
    for (const port of ['out', 'rejected']) {
      const label = await RunPanel.portLabel(filter, port).boundingBox();
      expect(label, `the "${port}" label`).not.toBeNull();
      if (badge && label) expect(intersects(badge, label), `badge ${JSON.stringify(badge)} over the "${port}" label ${JSON.stringify(label)}`).toBe(false);
    }
  });

  it('shows the attempts of an HTTP node retried against a server answering 503 as attempts of one message', async () => {
    await designer.open('call-api');
    await designer.node('call').waitFor();
    await designer.runButton.click();
    await designer.runPanel.waitForSummary(/^Failed, 1 message in, 0 out, 1 dead letter$/);
    await RunPanel.counts(designer.node('call'), '1 in, 0 out, 5 attempts, failed').waitFor();
    await RunPanel.counts(designer.node('start'), '1 in, 1 out').waitFor();
    expect(requests('/unavailable')).toBe(5);
  });

  it('shows the last run of the open flow again after a reload, and another flow\'s last run when that is opened', async () => {
    await designer.reload();
    await designer.runPanel.waitForSummary(/^Failed, 1 message in, 0 out, 1 dead letter$/);
    await RunPanel.counts(designer.node('call'), '1 in, 0 out, 5 attempts, failed').waitFor();
    await openFromList(FOUR_NODES.id);
    await designer.runPanel.waitForSummary(/^Succeeded, 1 message in, 1 out, 0 dead letters$/);
    await RunPanel.counts(designer.node('erp'), '1 in, 1 out').waitFor();
  });

  it('forgets a remembered run that the service no longer has, without a word', async () => {
    await session.page.evaluate(() => window.localStorage.setItem('pipewright.lastTestRun.slow-api', 'run-that-was-deleted'));
    await openFromList('slow-api');
    await designer.node('call').waitFor();
    await expect.poll(() => session.page.evaluate(() => window.localStorage.getItem('pipewright.lastTestRun.slow-api'))).toBeNull();
    expect(await designer.runPanel.summary.innerText()).toBe('Not run yet');
    expect(await designer.runPanel.alert.count()).toBe(0);
  });

  it('stops a slow run with Stop and says what to do next', async () => {
    await designer.runButton.click();
    await designer.runPanel.waitForSummary(/^Running/);
    await expect.poll(() => requests('/slow')).toBe(2);
    await designer.runPanel.stopButton.click();
    await designer.runPanel.waitForSummary(/^Stopped, 2 messages in, 0 out, 0 dead letters$/);
    expect(await designer.runPanel.notice.innerText()).toMatch(/^You stopped this run; 2 messages had not finished\. Press Run to test the flow again from the start/);
    expect(await designer.runPanel.stopButton.count()).toBe(0);
  });

  it('runs the open flow on the messages of a JSONL file picked in the browser', async () => {
    await openFromList(FOUR_NODES.id);
    await designer.runPanel.waitForSummary(/^Succeeded, 1 message in/);
    const file = join(session.workspace, 'orders.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'B-1', total: 80 })}\n\n${JSON.stringify({ id: 'B-2', total: 10 })}\n`);
    await designer.runPanel.runWithFile(file);
    // B-1 (gross 160) passes the Filter and reaches erp; B-2 (gross 20) is rejected there.
    await designer.runPanel.waitForSummary(/^Succeeded, 2 messages in, 1 out, 0 dead letters$/);
    await RunPanel.counts(designer.node('big'), '2 in, 2 out').waitFor();
    await designer.runPanel.root.getByText('Input: orders.jsonl, 2 messages into orders.').waitFor();
    await designer.select('erp');
    expect(JSON.parse(await designer.runPanel.nodeOutput.locator('pre').first().innerText())).toEqual({ no: 'B-1' });
  });

  it('refuses a JSONL file with a malformed line, naming the line, and runs nothing', async () => {
    const file = join(session.workspace, 'broken.jsonl');
    writeFileSync(file, '{"id":"C-1","total":80}\n{"id":"C-2","total":}\n');
    await designer.runPanel.runWithFile(file);
    await designer.runPanel.alert.filter({ hasText: 'broken.jsonl line 2 is not valid JSON' }).waitFor();
    expect(await designer.runPanel.summary.innerText()).toBe('Succeeded, 2 messages in, 1 out, 0 dead letters');
  });

  it('asks which trigger gets the file when the flow has several', async () => {
    await openFromList('two-triggers');
    const file = join(session.workspace, 'customer.json');
    writeFileSync(file, JSON.stringify({ name: 'Ada' }));
    await designer.runPanel.runWithFile(file);
    const choice = designer.runPanel.root.getByRole('group', { name: 'Trigger for the input file' });
    await choice.getByLabel(/^This flow has 2 triggers\. Feed the 1 message of customer\.json to$/).selectOption('shop');
    await choice.getByRole('button', { name: 'Run on this trigger', exact: true }).click();
    await designer.runPanel.waitForSummary(/^Succeeded, 1 message in, 1 out, 0 dead letters$/);
    await designer.runPanel.root.getByText('Input: customer.json, 1 message into shop.').waitFor();
    await RunPanel.counts(designer.node('shop'), '1 in, 1 out').waitFor();
    expect(await RunPanel.badge(designer.node('web')).count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });
});

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
