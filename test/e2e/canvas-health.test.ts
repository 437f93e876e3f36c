// Live health on the canvas (issue 15), end to end against `pipewright serve`: a webhook flow saved in
// the workspace is live at once; one message fails its map (a dead letter at that node) and two wait
// out a delay of ten minutes (a delay passes a message on with a due time: it waits queued at the next
// node). Opened in the designer, each node's badge shows its
// queue depth and its dead letters, and follows new messages without a reload. A flow that is not
// live shows no badge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumCheck, openSession, rpc, skipAfterFirstFailure, type E2eSession } from './harness.js';
import { DesignerPage } from './pages/designer-page.js';

const LIVE_FLOW = {
  format: 'pipewright/flow@1', id: 'live-orders', name: 'Live orders',
  nodes: [
    { id: 'hook', type: 'trigger.webhook', position: [0, 0], config: {} },
    { id: 'check', type: 'transform.map', position: [260, 0], config: { expression: 'ok ? { "n": n } : $error("not ok")' } },
    { id: 'wait', type: 'control.delay', position: [520, 0], config: { ms: 600_000 } },
    { id: 'done', type: 'transform.map', position: [780, 0], config: { expression: '$' } },
  ],
  edges: [{ from: 'hook', to: 'check' }, { from: 'check', to: 'wait' }, { from: 'wait', to: 'done' }],
};

const DESIGN_FLOW = {
  format: 'pipewright/flow@1', id: 'drafts', name: 'Drafts',
  nodes: [{ id: 'start', type: 'trigger.manual', position: [0, 0], config: {} }],
  edges: [],
};

describe.skipIf(!chromiumCheck.present).sequential('live health badges on the canvas', () => {
  let session: E2eSession;
  let designer: DesignerPage;

  beforeAll(async () => {
    session = await openSession();
    designer = new DesignerPage(session.page, session.server.url, session.server.token);
    await rpc(session.server, 'flows.save', { document: LIVE_FLOW });
    await rpc(session.server, 'flows.save', { document: DESIGN_FLOW });
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  skipAfterFirstFailure();

  const send = async (body: unknown): Promise<void> => {
    const answer = await fetch(new URL('hooks/live-orders/hook', session.server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(answer.status).toBe(202);
  };
  const badge = (nodeId: string) => designer.node(nodeId).getByRole('img', { name: /^Live: / });

  it('shows each node\'s queue depth and dead letters while the flow is live', async () => {
    await send({ n: 1, ok: false });
    await send({ n: 2, ok: true });
    await send({ n: 3, ok: true });
    await designer.open('live-orders');
    await expect.poll(() => badge('check').getAttribute('aria-label'), { timeout: 20_000 }).toBe('Live: 0 queued, 1 dead letter');
    await expect.poll(() => badge('done').getAttribute('aria-label'), { timeout: 20_000 }).toBe('Live: 2 queued, 0 dead letters');
    expect(await badge('hook').getAttribute('aria-label')).toBe('Live: 0 queued, 0 dead letters');
    expect(await badge('check').innerText()).toMatch(/0\s+✕ 1/);
  });

  it('follows new messages without a reload', async () => {
    await session.page.evaluate('window.__sameDocument = true');
    await send({ n: 4, ok: false });
    await send({ n: 5, ok: true });
    await expect.poll(() => badge('check').getAttribute('aria-label'), { timeout: 20_000 }).toBe('Live: 0 queued, 2 dead letters');
    await expect.poll(() => badge('done').getAttribute('aria-label'), { timeout: 20_000 }).toBe('Live: 3 queued, 0 dead letters');
    expect(await session.page.evaluate('window.__sameDocument')).toBe(true);
  });

  it('shows no badge on a flow that is not live', async () => {
    await designer.open('drafts');
    await designer.node('start').waitFor();
    // Two polls' worth: a badge would have appeared by then.
    await session.page.waitForTimeout(5000);
    expect(await designer.canvas.getByRole('img', { name: /^Live: / }).count()).toBe(0);
  });

  it('threw no uncaught errors in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});

