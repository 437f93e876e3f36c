// Operations figures in Debian's Chromium against `pipewright serve` (issue "Operate in the designer"):
// how long the Runs view takes to show its first page with 100,000 runs in the state database, and how
// long opening a run of 10,000 messages takes until its steps per node are shown, and drawing that run
// on the canvas (Show on canvas) until the nodes carry its counts. Timed inside the
// page from the click to the moment the DOM shows the answer; the median of several tries. Prints one
// JSON object. Needs renderer/dist built. Args: [runs = 100000] [messages = 10000].
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { openEngine, openSqliteStore } from '../../main/engine/index.js';
import type { FlowDocument } from '../../shared/flow/schema.js';
import { serializeFlow } from '../../shared/flow/serialize.js';
import { CHROMIUM_ARGS, startServer } from './designer-fixtures.js';

const TRIES = 5;
const runCount = Number(process.argv[2] ?? 100_000);
const messageCount = Number(process.argv[3] ?? 10_000);

const bigRunFlow: FlowDocument = {
  format: 'pipewright/flow@1', id: 'orders', name: 'Orders',
  nodes: [
    { id: 'in', type: 'trigger.manual', position: [0, 0], config: {} },
    { id: 'map', type: 'transform.map', position: [260, 0], config: { expression: '{ "orderNo": id, "total": qty * price }' } },
    { id: 'out', type: 'output.log', position: [520, 0], config: {} },
  ],
  edges: [{ from: 'in', to: 'map' }, { from: 'map', to: 'out' }],
  settings: { trace: 'full' },
};

/** `runCount` finished runs written through the store (as the engine would), in transactions of 1,000. */
async function fillRuns(workspace: string): Promise<void> {
  const store = await openSqliteStore(workspace);
  try {
    const owner = 'bench-filler';
    for (let start = 0; start < runCount; start += 1000) {
      const ids = Array.from({ length: Math.min(1000, runCount - start) }, (_, i) => `rbench${String(start + i).padStart(7, '0')}`);
      await store.unitOfWork(async (tx) => {
        for (const [i, id] of ids.entries()) await tx.insertRun({ id, flowId: `flow${(start + i) % 5}`, flowVersion: 1, kind: 'run', owner, received: 10 });
      });
      for (const [i, id] of ids.entries()) await store.runs.finish(id, owner, (start + i) % 7 === 0 ? 'failed' : 'succeeded');
    }
  } finally {
    await store.close();
  }
}

/** One real run of `messageCount` messages through trigger → map → log, full traces. */
async function bigRun(workspace: string): Promise<string> {
  const engine = openEngine({ workspace });
  try {
    const messages = Array.from({ length: messageCount }, (_, i) => ({ id: `A-${i}`, qty: i % 7, price: 2.5 }));
    const runId = await engine.startRun({ flow: bigRunFlow, kind: 'run', inputs: [{ triggerId: 'in', messages }] });
    await engine.drive(runId);
    return runId;
  } finally {
    await engine.close();
  }
}

/**
 * Clicks the element `clickSelector` in the page and polls every frame until `doneSelector` matches an
 * element whose text matches `doneText`; resolves with the milliseconds in between.
 */
async function timeClick(page: Page, clickSelector: string, doneSelector: string, doneText: string): Promise<number> {
  return page.evaluate(async ({ clickSelector, doneSelector, doneText }) => {
    // This file compiles without the DOM's types (the root project): the page's globals, as far as used.
    const { document, requestAnimationFrame } = globalThis as unknown as PageGlobals;
    const target = document.querySelector(clickSelector);
    if (!target) throw new Error(`nothing matches ${clickSelector}`);
    const pattern = new RegExp(doneText);
    const started = performance.now();
    target.click();
    const deadline = started + 60_000;
    for (;;) {
      await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      const done = [...document.querySelectorAll(doneSelector)].some((element) => pattern.test(element.textContent ?? ''));
      if (done) return performance.now() - started;
      if (performance.now() > deadline) throw new Error(`${doneSelector} never showed ${doneText}`);
    }
  }, { clickSelector, doneSelector, doneText });
}

interface PageElement {
  textContent: string | null;
  click(): void;
}

interface PageGlobals {
  document: { querySelector(selector: string): PageElement | null; querySelectorAll(selector: string): Iterable<PageElement> };
  requestAnimationFrame(callback: () => void): number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const workspace = mkdtempSync(join(tmpdir(), 'pipewright-bench-operations-'));
mkdirSync(join(workspace, 'flows'));
writeFileSync(join(workspace, 'flows', 'orders.flow.json'), serializeFlow(bigRunFlow));
const fillStarted = Date.now();
await fillRuns(workspace);
const fillMs = Date.now() - fillStarted;
const bigRunId = await bigRun(workspace);
const server = await startServer(workspace);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${server.url}?token=${server.token}`);
  await page.getByRole('navigation', { name: 'Views' }).waitFor({ timeout: 60_000 });
  const tab = (name: string) => `nav[aria-label="Views"] button:nth-child(${['Design', 'Runs', 'Dead letters'].indexOf(name) + 1})`;
  const runsView: number[] = [];
  const openRun: number[] = [];
  const onCanvas: number[] = [];
  for (let i = 0; i < TRIES; i++) {
    await page.locator(tab('Design')).click();
    // The Runs view is built anew each time: its first page (100 rows) and the total are fetched again.
    runsView.push(await timeClick(page, tab('Runs'), 'section[aria-label="Runs"] p[role="status"]', `^${(runCount + 1).toLocaleString('en-US')} runs, showing 100$`));
    await page.locator('table[aria-label="Runs list"] tbody tr').nth(99).waitFor();
    openRun.push(await timeClick(page, `button[aria-label="Open run ${bigRunId}"]`, 'table[aria-label="Steps per node"] tbody tr', `^map\\s*${messageCount.toLocaleString('en-US')}\\s*0`));
    // The same run drawn on the canvas: every node's badge with this run's counts.
    onCanvas.push(await timeClick(page, 'section[aria-label="Run details"] .ops-detail-header button.button', `.react-flow__node [role="img"][aria-label="${messageCount} in, ${messageCount} out"]`, '.*'));
  }
  process.stdout.write(`${JSON.stringify({ runs: runCount + 1, messages: messageCount, fillMs, runsViewMs: median(runsView), runsViewMaxMs: Math.max(...runsView), openRunMs: median(openRun), openRunMaxMs: Math.max(...openRun), showOnCanvasMs: median(onCanvas), showOnCanvasMaxMs: Math.max(...onCanvas) })}\n`);
} finally {
  await browser.close();
  server.child.kill('SIGTERM');
  rmSync(workspace, { recursive: true, force: true });
}
