// The Logs view end to end against `pipewright serve`: a flow posts orders to a real HTTP server on
// 127.0.0.1 and logs what came back (info) and what failed (error, from the HTTP node's error port).
// The Logs view shows the open flow's newest run, filters by level, node and text, shows a line of a
// run still going as it is written, follows a live webhook flow's live run at the bottom until the user
// scrolls up (then offers Jump to latest), and a line's node selects that node on the
// canvas; a run's "Logs" in the Runs view opens its log. A past run on the canvas counts messages, not
// attempts. Steps run in order and stop at the first failure.
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumCheck, openSession, rpc, skipAfterFirstFailure, type E2eSession } from './harness.js';
import { DesignerPage } from './pages/designer-page.js';
import { LogsView } from './pages/logs-view.js';
import { OperationsPage } from './pages/operations.js';
import { RunPanel } from './pages/run-panel.js';

interface Order {
  id: string;
  fail?: boolean;
}

describe.skipIf(!chromiumCheck.present).sequential('log view', () => {
  let session: E2eSession;
  let designer: DesignerPage;
  let logs: LogsView;
  let ops: OperationsPage;
  let target: Server;
  /** While set, the target holds every answer until it is released. */
  let held: Array<() => void> | undefined;
  const runIds: string[] = [];

  const start = async (orders: Order[], kind: 'run' | 'test' = 'run'): Promise<string> => {
    const { runId } = await rpc(session.server, 'runs.start', { flowId: 'orders', kind, inputs: { in: orders } }) as { runId: string };
    runIds.push(runId);
    return runId;
  };
  const finished = async (runId: string): Promise<void> => {
    await expect.poll(async () => ((await rpc(session.server, 'runs.get', { runId })) as { status: string }).status, { timeout: 20_000 }).not.toBe('running');
  };

  beforeAll(async () => {
    target = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => {
        const order = JSON.parse(body) as Order;
        const answer = (): void => {
          response.writeHead(order.fail ? 500 : 200, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: order.id }));
        };
        if (held) held.push(answer);
        else answer();
      });
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    session = await openSession();
    const { port } = target.address() as AddressInfo;
    writeFileSync(join(session.workspace, 'flows', 'orders.flow.json'), `${JSON.stringify({
      format: 'pipewright/flow@1', id: 'orders', name: 'Orders to ERP',
      nodes: [
        { id: 'in', type: 'trigger.manual', position: [0, 0], config: {} },
        { id: 'erp', type: 'http.request', position: [260, 0], config: { method: 'POST', url: `http://127.0.0.1:${port}/orders` }, retry: { maxAttempts: 3, backoffMs: 10, maxBackoffMs: 20 } },
        { id: 'sent', type: 'output.log', position: [520, -80], config: { level: 'info', expression: '"ERP accepted " & accepted' } },
        { id: 'failed', type: 'output.log', position: [520, 80], config: { level: 'error' } },
      ],
      edges: [{ from: 'in', to: 'erp' }, { from: 'erp', to: 'sent' }, { from: 'erp', port: 'error', to: 'failed' }],
      samples: { in: [{ id: 'S-1' }] },
    }, null, 2)}\n`);
    designer = new DesignerPage(session.page, session.server.url, session.server.token);
    logs = new LogsView(session.page);
    ops = new OperationsPage(session.page);
  }, 120_000);

  afterAll(async () => {
    for (const answer of held ?? []) answer();
    await session?.close();
    await new Promise((resolve) => target?.close(resolve));
  });

  skipAfterFirstFailure();

  it('shows the open flow\'s newest run: what the ERP accepted as info, what it refused as an error, in words', async () => {
    await designer.open('orders');
    const runId = await start([{ id: 'A-1' }, { id: 'A-2', fail: true }, { id: 'A-3' }]);
    await finished(runId);
    await logs.open();
    await expect.poll(() => logs.status.innerText(), { timeout: 10_000 }).toMatch(/of orders, failed|of orders, succeeded/);
    await expect.poll(() => logs.lineTexts()).toEqual(expect.arrayContaining([
      expect.stringMatching(/Info sent ERP accepted A-1$/),
      expect.stringMatching(/Info sent ERP accepted A-3$/),
      expect.stringMatching(/Error failed .*A-2/),
    ]));
    // The time is local: the line's first words are the date and time as this browser writes them.
    const at = await logs.lines.first().locator('time').getAttribute('datetime');
    const shown = await logs.lines.first().locator('time').innerText();
    expect(shown).toBe(await session.page.evaluate((iso) => new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' }), at ?? ''));
  });

  it('filters by level, node and text', async () => {
    const all = (await logs.lineTexts()).length;
    await logs.filter('Level').selectOption({ label: 'Errors only' });
    await expect.poll(() => logs.lineTexts()).toEqual([expect.stringMatching(/Error failed .*A-2/)]);
    await expect.poll(() => logs.status.innerText()).toContain(`1 of ${all} lines match`);
    await logs.filter('Level').selectOption({ label: 'All levels' });
    await logs.filter('Node').selectOption('sent');
    await expect.poll(async () => (await logs.lineTexts()).every((text) => text.includes(' sent '))).toBe(true);
    await expect.poll(() => logs.lines.count()).toBe(2);
    await logs.search.fill('a-3');
    await expect.poll(() => logs.lineTexts()).toEqual([expect.stringMatching(/ERP accepted A-3$/)]);
    await logs.search.fill('');
    await logs.filter('Node').selectOption('');
    await expect.poll(() => logs.lines.count()).toBe(all);
  });

  it('shows a line of a run still going as it is written, at the bottom', async () => {
    held = [];
    const runId = await start([{ id: 'L-1' }]);
    // Not picked by hand: the newest run of the flow is shown as it starts, with no line yet.
    await expect.poll(() => logs.status.innerText(), { timeout: 10_000 }).toMatch(/of orders, running \(new lines appear as they are written\): no log lines yet/);
    await expect.poll(() => held?.length ?? 0, { timeout: 10_000 }).toBe(1);
    const release = held;
    held = undefined;
    for (const answer of release) answer();
    // The HTTP node logs its call (debug), then `sent` what came back.
    await expect.poll(() => logs.lineTexts(), { timeout: 10_000 }).toEqual(expect.arrayContaining([expect.stringMatching(/Info sent ERP accepted L-1$/), expect.stringMatching(/Debug erp POST .* 200 in/)]));
    expect(await logs.jumpToLatest.count()).toBe(0);
    await finished(runId);
  });

  it('follows a live flow\'s live run: stops following when scrolled up, and Jump to latest goes back to the newest line', async () => {
    await rpc(session.server, 'flows.save', {
      document: {
        format: 'pipewright/flow@1', id: 'hooks', name: 'Hooks',
        nodes: [
          { id: 'hook', type: 'trigger.webhook', position: [0, 0], config: {} },
          { id: 'note', type: 'output.log', position: [260, 0], config: { level: 'warn', expression: '"hook " & $string(n)' } },
        ],
        edges: [{ from: 'hook', to: 'note' }],
      },
    });
    // Each webhook call is its own commit: its line arrives on its own.
    const post = async (n: number): Promise<void> => {
      await expect.poll(async () => (await fetch(new URL('hooks/hooks/hook', session.server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n }) })).status, { timeout: 10_000 }).toBeLessThan(300);
    };
    await post(0);
    await logs.filter('Flow').selectOption('hooks');
    await expect.poll(() => logs.filter('Run').locator('option').first().innerText()).toBe('Live run (newest)');
    await expect.poll(() => logs.status.innerText(), { timeout: 10_000 }).toMatch(/of hooks, running/);
    for (let n = 1; n < 60; n += 1) await post(n);
    await expect.poll(() => logs.lines.count(), { timeout: 10_000 }).toBe(60);
    expect(await logs.lineTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/Warning note hook 59$/)]));
    // At the bottom, following: no button.
    expect(await logs.jumpToLatest.count()).toBe(0);
    await logs.log.evaluate((element) => {
      element.scrollTop = 0;
    });
    await logs.jumpToLatest.waitFor();
    for (let n = 60; n < 63; n += 1) await post(n);
    await expect.poll(() => logs.jumpToLatest.innerText(), { timeout: 10_000 }).toBe('Jump to latest (3 new)');
    await expect.poll(() => logs.lines.count()).toBe(63);
    // The newest lines arrived below without moving the view.
    expect(await logs.log.evaluate((element) => element.scrollTop)).toBe(0);
    await logs.jumpToLatest.click();
    await expect.poll(() => logs.log.evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight)).toBeLessThan(2);
    await expect.poll(() => logs.jumpToLatest.count()).toBe(0);
    await post(63);
    await expect.poll(() => logs.lines.count(), { timeout: 10_000 }).toBe(64);
    await expect.poll(() => logs.log.evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight)).toBeLessThan(2);
    await logs.filter('Flow').selectOption('orders');
  });

  it('selects a line\'s node on the canvas', async () => {
    await logs.filter('Run').selectOption(runIds[0] ?? '');
    await logs.nodeLink('failed').first().click();
    await designer.node('failed').waitFor();
    await expect.poll(() => designer.node('failed').evaluate((element) => element.closest('.react-flow__node')?.classList.contains('selected') ?? false)).toBe(true);
    await expect.poll(() => designer.node('sent').evaluate((element) => element.closest('.react-flow__node')?.classList.contains('selected') ?? false)).toBe(false);
  });

  it('opens a run\'s log from its details in Runs', async () => {
    const first = runIds[0] ?? '';
    await ops.openRuns();
    await ops.openRun(first);
    await ops.runDetails.getByRole('button', { name: `Logs of run ${first}`, exact: true }).click();
    await logs.root.waitFor();
    await expect.poll(() => logs.filter('Run').inputValue()).toBe(first);
    await expect.poll(() => logs.lineTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/ERP accepted A-1$/)]));
  });

  it('draws a past run with each node\'s messages, not its attempts', async () => {
    // P-2 is refused on each of its three attempts: 2 messages reach erp in 4 steps.
    const runId = await start([{ id: 'P-1' }, { id: 'P-2', fail: true }], 'test');
    await finished(runId);
    await ops.openRuns();
    await ops.openRun(runId);
    await ops.runDetails.getByRole('button', { name: 'Show on canvas', exact: true }).click();
    await ops.pastRunNote.waitFor();
    // The refusal leaves by the error port, not as an output: 1 out, and P-2's last attempt failed.
    const counts = (nodeId: string) => RunPanel.badge(designer.node(nodeId)).getByRole('img').nth(1).getAttribute('aria-label');
    await expect.poll(() => counts('erp')).toBe('2 in, 1 out, 4 attempts, 1 failed');
    await expect.poll(() => counts('failed')).toBe('1 in, 1 out');
    await expect.poll(() => counts('sent')).toBe('1 in, 1 out');
  });
});
