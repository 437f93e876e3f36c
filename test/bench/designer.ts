// Designer figures in Debian's Chromium against `pipewright serve` (DESIGN.md §10): how long a
// 1,000-node flow takes to open and answer a click, and how fast the mapping editor's live output
// follows typing on a 100 KB and a 5 MB sample, and the canvas's frame times while panning, zooming
// and dragging a node on the 1,000-node flow (./canvas-frames.ts). Prints one JSON object. Needs
// renderer/dist built.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { serializeFlow } from '../../shared/flow/serialize.js';
import { canvasFrames, type CanvasFrames } from './canvas-frames.js';
import { CHROMIUM_ARGS, editorPreloaded, itemCount, mappingFlow, sampleOfSize, startServer } from './designer-fixtures.js';
import type { FlowDocument, FlowNode } from '../../shared/flow/schema.js';


function bigFlow(count: number): FlowDocument {
  const nodes: FlowNode[] = [{ id: 'in', type: 'trigger.manual', position: [0, 0], config: {} }];
  for (let i = 1; i < count; i++) {
    nodes.push({ id: `m${i}`, type: 'transform.map', position: [(i % 25) * 220, Math.floor(i / 25) * 120], config: { expression: `{ "step": ${i}, "id": id }` } });
  }
  const edges = nodes.slice(1).map((node, i) => ({ from: nodes[i]?.id ?? 'in', to: node.id }));
  return { format: 'pipewright/flow@1', id: 'big', name: 'A thousand nodes', nodes, edges };
}


/**
 * Opening the big flow. `renderedMs`: the canvas shows every node that lies in view, complete and
 * still — each such node is in the DOM and shown (React Flow hides a node until it knows its size), and
 * the viewport has not moved for two frames. The designer renders only the nodes in view, and opens a
 * flow too big to read whole on its start rather than as dots; so the cost of seeing all 1,000 is
 * measured too: `wholeFlowMs` from a click on "Fit View" until all 1,000 nodes are shown.
 * `interactiveMs`: a click on the first node has been answered — the inspector shows that node's kind
 * (the palette shows the same words, so the inspector is where to look).
 */
async function openLargeFlow(page: Page, base: string, flow: FlowDocument): Promise<{ renderedMs: number; interactiveMs: number; nodesInView: number; wholeFlowMs: number }> {
  const boxes = flow.nodes.map((node) => ({ id: node.id, x: node.position[0], y: node.position[1] }));
  const started = Date.now();
  await page.goto(`${base}#/flows/big`);
  const inView = await page.waitForFunction((nodes) => {
    // No named helpers in here: the bundler would wrap them in a function the page does not have.
    const w = window as unknown as { pwLast?: string };
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    if (!pane || !viewport || document.querySelectorAll('.react-flow__node').length === 0) return false;
    const m = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
    let expected = 0;
    for (const node of nodes) {
      const left = node.x * m.a + m.e;
      const top = node.y * m.d + m.f;
      if (left + 200 * m.a <= 0 || top + 58 * m.d <= 0 || left >= pane.width || top >= pane.height) continue;
      expected += 1;
      const element = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${node.id}"]`);
      if (!element || element.style.visibility === 'hidden') return false;
    }
    const state = `${m.toString()}:${expected}`;
    const still = w.pwLast === state;
    w.pwLast = state;
    return still ? expected : false;
  }, boxes, { timeout: 60_000, polling: 'raf' });
  const renderedMs = Date.now() - started;
  const nodesInView = (await inView.jsonValue()) as number;
  await page.locator('.react-flow__node').first().click();
  await page.getByRole('complementary', { name: 'Inspector' }).locator('.inspector-kind', { hasText: 'Manual trigger' }).waitFor();
  const interactiveMs = Date.now() - started;
  const zoomOut = Date.now();
  await page.getByRole('button', { name: 'Fit View' }).click();
  await page.waitForFunction(() => {
    const nodes = document.querySelectorAll<HTMLElement>('.react-flow__node');
    if (nodes.length < 1000) return false;
    for (const node of nodes) if (node.style.visibility === 'hidden') return false;
    return true;
  }, undefined, { timeout: 60_000, polling: 'raf' });
  return { renderedMs, interactiveMs, nodesInView, wholeFlowMs: Date.now() - zoomOut };
}

/**
 * Keystroke → output: digits typed at the end of the expression, each changing the output. Timed in the
 * page from the keydown to the moment the "Mapping output" pane shows the new result (settled, not
 * "Updating…"), once per keystroke; the longest main-thread task while typing is reported beside it.
 * Then a burst: ten digits typed 30 ms apart without waiting, timed from the last keydown to the
 * pane showing that last expression's output.
 */
async function typingLatency(page: Page, base: string, flowId: string, keystrokes: number, items: number): Promise<{ p50Ms: number; maxMs: number; longestTaskMs: number; burstSettleMs: number; burstLongestTaskMs: number }> {
  await page.goto(`${base}#/flows/${flowId}`);
  await page.locator('.react-flow__node').nth(1).click();
  const output = page.getByRole('region', { name: 'Mapping output' });
  await output.locator('.mapping-output-json').waitFor({ timeout: 60_000 });
  await page.locator('.monaco-editor').first().click();
  await page.keyboard.press('End');
  await page.evaluate(() => {
    const w = window as unknown as PageTimings;
    w.pwLong = 0;
    w.pwTimes = [];
    w.pwKey = undefined;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => (w.pwLong = Math.max(w.pwLong, e.duration)))).observe({ type: 'longtask' });
    // No named helpers in here: the bundler would wrap them in a function the page does not have.
    const target = document.querySelector('[aria-label="Mapping output"]');
    document.addEventListener('keydown', () => (w.pwKey = { at: performance.now(), before: target?.querySelector('.mapping-output-json')?.textContent ?? null }), true);
    if (target) new MutationObserver(() => {
      const shown = target.querySelector('.mapping-output-json')?.textContent ?? null;
      if (w.pwKey && target.getAttribute('aria-busy') === 'false' && shown !== null && shown !== w.pwKey.before) {
        w.pwTimes.push(performance.now() - w.pwKey.at);
        w.pwKey = undefined;
      }
    }).observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  for (let i = 0; i < keystrokes; i++) {
    const before = await output.locator('.mapping-output-json').textContent();
    await page.keyboard.type(String(i % 10));
    await page.waitForFunction((prev) => {
      const el = document.querySelector('[aria-label="Mapping output"]');
      return el?.getAttribute('aria-busy') === 'false' && el.querySelector('.mapping-output-json')?.textContent !== prev;
    }, before, { timeout: 30_000 });
  }
  const { times, longest } = await page.evaluate(() => {
    const w = window as unknown as PageTimings;
    const result = { times: w.pwTimes, longest: w.pwLong };
    w.pwLong = 0;
    return result;
  });
  const burst = await typingBurst(page, items);
  const sorted = [...times].sort((a, b) => a - b);
  return { p50Ms: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, maxMs: sorted[sorted.length - 1] ?? Number.NaN, longestTaskMs: longest, ...burst };
}

interface PageTimings {
  pwLong: number;
  pwTimes: number[];
  pwKey: { at: number; before: string | null } | undefined;
  pwLastKey: number;
}

/**
 * Ten keys 30 ms apart (`*0+1234567`: the output passes through errors and ends on $count(items) +
 * 1234567). The pane must end on the last key's output, and typing must not stall meanwhile.
 */
async function typingBurst(page: Page, items: number): Promise<{ burstSettleMs: number; burstLongestTaskMs: number }> {
  const expected = String(items + 1_234_567);
  await page.evaluate(() => document.addEventListener('keydown', () => ((window as unknown as PageTimings).pwLastKey = performance.now()), true));
  await page.keyboard.type('*0+1234567', { delay: 30 });
  const settledAt = await page.waitForFunction((want) => {
    const el = document.querySelector('[aria-label="Mapping output"]');
    return el?.getAttribute('aria-busy') === 'false' && el.querySelector('.mapping-output-json')?.textContent === want ? performance.now() : false;
  }, expected, { timeout: 30_000, polling: 'raf' });
  const { lastKey, longest } = await page.evaluate(() => ({ lastKey: (window as unknown as PageTimings).pwLastKey, longest: (window as unknown as PageTimings).pwLong }));
  return { burstSettleMs: (await settledAt.jsonValue() as number) - lastKey, burstLongestTaskMs: longest };
}

/** The big flow opened again (at its start, zoom 0.5, the nodes in view rendered), then moved. */
async function reopenAndMove(page: Page): Promise<CanvasFrames> {
  await page.reload();
  await page.locator('.react-flow__node[data-id="m27"]').waitFor({ timeout: 60_000 });
  await editorPreloaded(page);
  return canvasFrames(page);
}

const workspace = mkdtempSync(join(tmpdir(), 'pipewright-bench-designer-'));
mkdirSync(join(workspace, 'flows'));
const big = bigFlow(1000);
for (const flow of [big, mappingFlow('sample100k', sampleOfSize(100_000)), mappingFlow('sample5m', sampleOfSize(5_000_000))]) {
  writeFileSync(join(workspace, 'flows', `${flow.id}.flow.json`), serializeFlow(flow));
}
const server = await startServer(workspace);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const base = `${server.url}?token=${server.token}`;
  const large = await openLargeFlow(page, base, big);
  // Fit View has just shown all 1,000 nodes: the heaviest view to move.
  await editorPreloaded(page);
  const wholeFlow = await canvasFrames(page);
  const openedView = await reopenAndMove(page);
  // `--canvas`: the canvas figures alone, while working on the canvas.
  if (process.argv.includes('--canvas')) {
    process.stdout.write(`${JSON.stringify({ largeFlow: large, canvasOpened: openedView, canvasWhole: wholeFlow })}\n`);
  } else {
    const small = await typingLatency(page, base, 'sample100k', 15, itemCount(100_000));
    const huge = await typingLatency(page, base, 'sample5m', 5, itemCount(5_000_000));
    process.stdout.write(`${JSON.stringify({ largeFlow: large, canvasOpened: openedView, canvasWhole: wholeFlow, typing100k: small, typing5m: huge })}\n`);
  }
} finally {
  await browser.close();
  server.child.kill('SIGTERM');
  rmSync(workspace, { recursive: true, force: true });
}
