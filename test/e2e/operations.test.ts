// Operating a workspace from the web designer, end to end against `pipewright serve`: a run against a
// real HTTP target on 127.0.0.1 answering 500 dead-letters its messages; the Dead letters view lists
// them with the 500; the target recovers; Replay all (the confirmation names the count) delivers them
// and the list empties; Runs shows the failed run and the replay linked to it; opening the failed run
// shows each node's steps and one message's payload before and after the map. Steps run in order and
// stop at the first failure.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumCheck, openSession, rpc, pipewright, skipAfterFirstFailure, type E2eSession } from './harness.js';
import { DesignerPage } from './pages/designer-page.js';
import { OperationsPage } from './pages/operations.js';
import { RunPanel } from './pages/run-panel.js';

const ORDERS = [{ id: 'A-1' }, { id: 'A-2' }, { id: 'A-3' }];

describe.skipIf(!chromiumCheck.present).sequential('operations views', () => {
  let session: E2eSession;
  let designer: DesignerPage;
  let ops: OperationsPage;
  let target: Server;
  let answer = 500;
  const delivered: unknown[] = [];
  let failedRun = '';

  beforeAll(async () => {
    target = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => {
        if (answer === 200) delivered.push(JSON.parse(body) as unknown);
        response.writeHead(answer, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    session = await openSession();
    const { port } = target.address() as AddressInfo;
    writeFileSync(join(session.workspace, 'flows', 'orders.flow.json'), `${JSON.stringify({
      format: 'pipewright/flow@1', id: 'orders', name: 'Orders to ERP',
      nodes: [
        { id: 'in', type: 'trigger.manual', position: [0, 0], config: {} },
        { id: 'toErp', type: 'transform.map', position: [260, 0], config: { expression: '{ "orderNo": id }' } },
        { id: 'erp', type: 'http.request', position: [520, 0], config: { method: 'POST', url: `http://127.0.0.1:${port}/orders` }, retry: { maxAttempts: 1, backoffMs: 0, maxBackoffMs: 0 } },
      ],
      edges: [{ from: 'in', to: 'toErp' }, { from: 'toErp', to: 'erp' }],
      samples: { in: ORDERS },
    }, null, 2)}\n`);
    designer = new DesignerPage(session.page, session.server.url, session.server.token);
    ops = new OperationsPage(session.page);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await new Promise((resolve) => target?.close(resolve));
  });

  skipAfterFirstFailure();

  it('lists the dead letters of a run whose target answered 500, with the status', async () => {
    await designer.open();
    await ops.openDeadLetters();
    await expect.poll(() => ops.deadLetterStatus.innerText()).toBe('No dead letters.');
    failedRun = (await rpc(session.server, 'runs.start', { flowId: 'orders', kind: 'run' }) as { runId: string }).runId;
    // The view reloads by itself when the run finishes (live events).
    await ops.deadLetterStatus.filter({ hasText: /^3 dead letters$/ }).waitFor({ timeout: 20_000 });
    await expect.poll(() => ops.deadLetterRows.count()).toBe(3);
    for (const row of await ops.deadLetterRows.all()) {
      const text = await row.innerText();
      expect(text).toContain('erp');
      expect(text).toContain('HTTP_5XX');
      expect(text).toMatch(/\b500\b/);
    }
    await ops.deadLetters.getByRole('list', { name: 'Dead letters by flow, node and error' }).getByText('orders › erp: HTTP_5XX').waitFor();
  });

  it('replays all of them once the target recovers, and the list empties', async () => {
    answer = 200;
    await ops.replayAll(3);
    await ops.deadLetters.getByText('Replayed 3 dead letters: all delivered.').waitFor({ timeout: 20_000 });
    await expect.poll(() => ops.deadLetterStatus.innerText()).toBe('No dead letters.');
    expect(delivered).toHaveLength(3);
    expect(delivered).toEqual(expect.arrayContaining(ORDERS.map((order) => ({ orderNo: order.id }))));
  });

  it('shows the failed run and the replay linked to it in Runs', async () => {
    await ops.openRuns();
    await expect.poll(() => ops.runRows.count()).toBe(2);
    await expect.poll(() => ops.runRow(failedRun).innerText()).toMatch(/orders[\s\S]*Run[\s\S]*Failed[\s\S]*3 \/ \d+ \/ 3/);
    const replayRow = ops.runRows.filter({ hasText: 'Replay' });
    await expect.poll(() => replayRow.innerText()).toMatch(/Replay of [\s\S]*Succeeded/);
    const count = ops.runs.getByRole('status').first();
    await ops.runs.getByRole('combobox', { name: 'Started' }).selectOption('custom');
    await ops.runs.getByLabel('From', { exact: true }).fill('2099-01-01T00:00');
    await expect.poll(() => count.innerText()).toBe('0 runs');
    await ops.runs.getByLabel('From', { exact: true }).fill('2000-01-01T00:00');
    await expect.poll(() => count.innerText()).toBe('2 runs');
    await ops.runs.getByRole('combobox', { name: 'Started' }).selectOption('all');
    await ops.openRun(failedRun);
    await ops.runDetails.getByRole('list', { name: 'Replays of this run' }).getByRole('button', { name: /^Open replay r/ }).waitFor();
  });

  it('finds the runs whose payloads carried a value', async () => {
    const search = ops.runs.getByRole('region', { name: 'Payload search' });
    await search.getByRole('searchbox', { name: 'Value in payloads' }).fill('"orderNo":"A-2"');
    await search.getByRole('button', { name: 'Search payloads', exact: true }).click();
    await search.getByRole('status').filter({ hasText: /^2 runs with ""orderNo":"A-2"" in \d+ steps searched \(all steps\)$/ }).waitFor();
    await search.getByRole('table', { name: 'Payload search results' }).getByRole('button', { name: `Open run ${failedRun}`, exact: true }).waitFor();
  });

  it('opens the failed run: each node\'s steps, and a message before and after the map', async () => {
    await expect.poll(() => ops.nodeSteps('in').innerText()).toMatch(/^in\s+3\s+0/);
    await expect.poll(() => ops.nodeSteps('toErp').innerText()).toMatch(/^toErp\s+3\s+0/);
    await expect.poll(() => ops.nodeSteps('erp').innerText()).toMatch(/^erp\s+3\s+3/);
    // Message ids: `<run>.<input ordinal, from 0>.<line, from 1>`, then `/<edge>` per hop (main/engine/ids.ts).
    await ops.showMessage('toErp', `${failedRun}.0.1/0`);
    await expect.poll(async () => JSON.parse(await ops.payload('Before', 'toErp').locator('pre').innerText()) as unknown).toEqual({ id: 'A-1' });
    await expect.poll(async () => JSON.parse(await ops.payload('After', 'toErp').locator('pre').innerText()) as unknown).toEqual({ orderNo: 'A-1' });
    await expect.poll(() => ops.payload('After', 'erp').innerText()).toMatch(/HTTP_5XX[\s\S]*500/);
  });

  it('draws the failed run on the canvas with its per-node counts, and its input at a node becomes the sample', async () => {
    await ops.runDetails.getByRole('button', { name: 'Show on canvas', exact: true }).click();
    await ops.pastRunNote.waitFor();
    await designer.node('erp').waitFor();
    await RunPanel.status(designer.node('erp'), 'error').waitFor();
    await RunPanel.counts(designer.node('toErp'), '3 in, 3 out').waitFor();
    await ops.pastRunNote.getByRole('button', { name: 'Back to Runs', exact: true }).click();
    await ops.showMessage('toErp', `${failedRun}.0.2/0`);
    await ops.useAsSample('toErp');
    await designer.inspector.sampleJson.waitFor();
    await expect.poll(async () => JSON.parse(await designer.inspector.sampleJson.inputValue()) as unknown).toEqual({ id: 'A-2' });
  });

  it('charts a live webhook flow\'s messages per minute and error rate in the Flows overview', async () => {
    await rpc(session.server, 'flows.save', {
      document: {
        format: 'pipewright/flow@1', id: 'hooks', name: 'Hooks',
        nodes: [
          { id: 'hook', type: 'trigger.webhook', position: [0, 0], config: {} },
          { id: 'check', type: 'transform.map', position: [260, 0], config: { expression: 'ok ? { "n": n } : $error("not ok")' } },
        ],
        edges: [{ from: 'hook', to: 'check' }],
      },
    });
    await ops.viewButton('Flows overview').click();
    // The first reading is the baseline; rates come from the messages sent after it.
    await ops.chart('hooks', 'Messages per minute').waitFor({ timeout: 20_000 });
    for (const [n, ok] of [[1, true], [2, true], [3, false], [4, true]] as const) {
      const answer = await fetch(new URL('hooks/hooks/hook', session.server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n, ok }) });
      expect(answer.status).toBe(202);
    }
    await expect.poll(async () => await ops.chart('hooks', 'Messages per minute').getAttribute('aria-label'), { timeout: 20_000 }).toMatch(/^Messages per minute: [1-9]/);
    await expect.poll(async () => await ops.chart('hooks', 'Error rate').getAttribute('aria-label'), { timeout: 20_000 }).toMatch(/^Error rate: [1-9]/);
    await ops.chart('hooks', 'Queue depth').waitFor();
    await ops.chart('hooks', 'Oldest message age').waitFor();
  });

  it('shows the open live flow\'s pulse in the status bar, which opens the Flows overview', async () => {
    await designer.open('hooks');
    const pulse = designer.statusBar.getByRole('button', { name: /^Live: [\d,]+ messages per minute, [\d,]+ waiting\. Open the Flows overview$/ });
    await pulse.waitFor({ timeout: 20_000 });
    await fetch(new URL('hooks/hooks/hook', session.server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n: 6, ok: true }) });
    await expect.poll(async () => await pulse.getAttribute('aria-label'), { timeout: 20_000 }).toMatch(/^Live: [1-9]/);
    await pulse.click();
    await ops.overview.waitFor();
  });

  it('shows a dead letter a live flow creates while the view is open, and a replay here or a discard by the CLI updates the list, without a reload', async () => {
    await ops.openDeadLetters();
    await ops.deadLetters.getByRole('combobox', { name: 'Flow' }).selectOption('hooks');
    // The charts step sent one message that failed its check.
    await ops.deadLetterStatus.filter({ hasText: /^1 dead letter$/ }).waitFor({ timeout: 20_000 });
    await session.page.evaluate('window.__sameDocument = true');
    const answer = await fetch(new URL('hooks/hooks/hook', session.server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n: 5, ok: false }) });
    expect(answer.status).toBe(202);
    // Pushed: the live flow's dead count grew, the service sent dlq.changed.
    await ops.deadLetterStatus.filter({ hasText: /^2 dead letters$/ }).waitFor({ timeout: 20_000 });
    await expect.poll(() => ops.deadLetterTabCount()).toBe(2);

    // A replay that dies again: the replayed letter's row gives way to the new letter's.
    const idsShown = async (): Promise<string[]> => Promise.all((await ops.deadLetterRows.getByRole('button', { name: /^Open dead letter / }).all())
      .map(async (button) => ((await button.getAttribute('aria-label')) ?? '').replace('Open dead letter ', '')));
    const [replayed = ''] = await idsShown();
    await rpc(session.server, 'dlq.replay', { ids: [replayed] });
    await expect.poll(async () => (await idsShown()).includes(replayed), { timeout: 20_000 }).toBe(false);
    await expect.poll(async () => (await idsShown()).length).toBe(2);

    // Another process: the CLI discards one on the same database; no event, the view's poll notices.
    const [discarded = ''] = await idsShown();
    const result = await pipewright(['--workspace', session.workspace, 'dlq', 'discard', discarded], session.workspace);
    expect(result.code, result.stderr).toBe(0);
    await ops.deadLetterStatus.filter({ hasText: /^1 dead letter$/ }).waitFor({ timeout: 20_000 });
    await expect.poll(() => ops.deadLetterTabCount()).toBe(1);
    expect(await session.page.evaluate('window.__sameDocument')).toBe(true);
  });

  it('sets the workspace default retention, shown in the Flows overview, and writes it to settings.json', async () => {
    await ops.viewButton('Flows overview').click();
    const dialog = await ops.openWorkspaceDialog('Retention…', 'Retention');
    await expect.poll(() => dialog.getByLabel('Workspace default retention').innerText()).toBe('Workspace default: keep every run');
    await dialog.getByRole('textbox', { name: 'Keep runs for (days)' }).fill('30');
    await dialog.getByRole('textbox', { name: 'Keep at most (MB of traces)' }).fill('1024');
    await dialog.getByRole('button', { name: 'Apply retention', exact: true }).click();
    await dialog.getByRole('status').filter({ hasText: 'Workspace default set: 30 days / 1 GB, for every flow without its own' }).waitFor();
    await expect.poll(() => dialog.getByLabel('Workspace default retention').innerText()).toBe('Workspace default: 30 days / 1 GB');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await ops.overview.getByRole('toolbar', { name: 'Workspace' }).getByText('Retention: workspace default 30 days / 1 GB').waitFor();
    const settings = JSON.parse(readFileSync(join(session.workspace, 'settings.json'), 'utf8')) as { retention?: unknown };
    expect(settings.retention).toEqual({ maxAgeDays: 30, maxBytes: 1024 * 1024 * 1024 });
  });

  it('sets retention for a flow from the designer, refuses a wrong number, and the engine applies it after the next run', async () => {
    const dialog = await ops.openWorkspaceDialog('Retention…', 'Retention');
    await dialog.getByRole('combobox', { name: 'Applies to' }).selectOption('orders');
    await dialog.getByText('orders uses the workspace default; values set here override it for this flow.').waitFor();
    await dialog.getByRole('textbox', { name: 'Keep runs for (days)' }).fill('soon');
    await dialog.getByRole('button', { name: 'Apply retention', exact: true }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Days must be a number of days' }).waitFor();
    await dialog.getByRole('textbox', { name: 'Keep runs for (days)' }).fill('');
    await dialog.getByRole('textbox', { name: 'Keep at most (runs)' }).fill('1');
    await dialog.getByRole('button', { name: 'Apply retention', exact: true }).click();
    await dialog.getByRole('status').filter({ hasText: 'Retention set for orders' }).waitFor();
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    const saved = JSON.parse(readFileSync(join(session.workspace, 'flows', 'orders.flow.json'), 'utf8')) as { settings?: { retention?: unknown } };
    expect(saved.settings?.retention).toEqual({ maxRuns: 1 });

    const { runId } = await rpc(session.server, 'runs.start', { flowId: 'orders', kind: 'run' }) as { runId: string };
    await ops.openRuns();
    await ops.runs.getByRole('combobox', { name: 'Flow' }).selectOption('orders');
    // The failed run and its replay are pruned once the new run finished; the new one is kept.
    await expect.poll(() => ops.runs.getByRole('status').first().innerText(), { timeout: 20_000 }).toBe('1 run');
    await ops.runRow(runId).waitFor();
  });

  it('edits a dead letter\'s payload keeping the original, refuses bad JSON, and discards a selection after confirming', async () => {
    answer = 500;
    await rpc(session.server, 'runs.start', { flowId: 'orders', kind: 'run' });
    await ops.openDeadLetters();
    // The live webhook flow's failed message is a dead letter too: this step looks at the orders flow's.
    await ops.deadLetters.getByRole('combobox', { name: 'Flow' }).selectOption('orders');
    await ops.deadLetterStatus.filter({ hasText: /^3 dead letters$/ }).waitFor({ timeout: 20_000 });
    await ops.openDeadLetter(0);
    const payload = ops.deadLetter.getByRole('textbox', { name: 'Payload', exact: true });
    const original = JSON.parse(await payload.inputValue()) as unknown;
    await payload.fill('{ "orderNo": ');
    await ops.deadLetter.getByRole('button', { name: 'Save payload', exact: true }).click();
    await ops.deadLetter.getByRole('alert').filter({ hasText: 'The payload is not valid JSON' }).waitFor();
    await payload.fill('{ "orderNo": "FIXED" }');
    await ops.deadLetter.getByRole('button', { name: 'Save payload', exact: true }).click();
    await ops.deadLetter.getByRole('status').filter({ hasText: 'Payload saved' }).waitFor();
    const earlier = ops.deadLetter.getByRole('region', { name: 'Earlier payloads' });
    await expect.poll(async () => JSON.parse(await earlier.locator('pre').innerText()) as unknown).toEqual(original);
    await ops.deadLetterRows.first().getByText('(edited)').waitFor();

    await ops.deadLetterRows.nth(1).getByRole('checkbox', { name: /^Select dead letter / }).check();
    await ops.deadLetters.getByRole('button', { name: 'Discard selected', exact: true }).click();
    await session.page.getByRole('dialog', { name: 'Discard 1 dead letter?' }).getByRole('button', { name: 'Discard 1', exact: true }).click();
    await ops.deadLetters.getByText('Discarded 1 dead letter.').waitFor();
    await ops.deadLetterStatus.filter({ hasText: /^2 dead letters$/ }).waitFor();
  });

  it('exports flows as a bundle file and imports it back, refusing to replace flows unless asked', async () => {
    await ops.viewButton('Flows overview').click();
    const exportDialog = await ops.openWorkspaceDialog('Export flows…', 'Export flows');
    const [download] = await Promise.all([
      session.page.waitForEvent('download'),
      exportDialog.getByRole('button', { name: 'Export 2 flows', exact: true }).click(),
    ]);
    const bundlePath = join(session.workspace, 'exported.bundle.json');
    await download.saveAs(bundlePath);
    const bundle = JSON.parse(readFileSync(bundlePath, 'utf8')) as { flows: Array<{ id: string }> };
    expect(bundle.flows.map((flow) => flow.id).sort()).toEqual(['hooks', 'orders']);

    const importDialog = await ops.openWorkspaceDialog('Import bundle…', 'Import a bundle');
    await importDialog.getByLabel('Bundle file').setInputFiles(bundlePath);
    await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
    await importDialog.getByRole('alert').filter({ hasText: /already exist|CONFLICT|exists/i }).waitFor();
    await importDialog.getByRole('checkbox', { name: 'Replace flows that already exist' }).check();
    await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
    await importDialog.getByRole('status').filter({ hasText: /^Imported (orders, hooks|hooks, orders)\.$/ }).waitFor();
    await importDialog.getByRole('button', { name: 'Close', exact: true }).click();
    expect(session.pageErrors).toEqual([]);
  });
});

/** Calls the contract over HTTP with the server's token, as the designer does. */
