// Mapping workbench figures in Debian's Chromium against `pipewright serve`: how long the workbench
// takes to open on a Map whose sample is 5 MB (to the dialog shown, and to its first output), and how
// fast its output follows typing on 100 KB and 5 MB samples (keydown → the "Output 1" pane showing
// the new result, settled) — for an expression the UI thread evaluates within the keystroke
// (renderer/src/workbench/quick-outputs.ts), and on 100 KB for one only the evaluation workers answer
// (`$formatNumber` is left to jsonata's interpreter). Prints one JSON object; figures only, never
// asserted. Needs renderer/dist.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { serializeFlow } from '../../shared/flow/serialize.js';
import { CHROMIUM_ARGS, mappingFlow, sampleOfSize, startServer } from './designer-fixtures.js';

const OPENINGS = 5;

interface PageTimings {
  pwLong: number;
  pwTimes: number[];
  pwKey: { at: number; before: string | null } | undefined;
}

const outputSettled = (before: string | null) => {
  const pane = document.querySelector('[role="dialog"] [aria-label="Output"]');
  const shown = document.querySelector('[role="dialog"] [aria-label="Output 1"] pre')?.textContent ?? null;
  return pane?.getAttribute('aria-busy') === 'false' && shown !== null && shown !== before;
};

/** Selects the Map and waits until the panel has its output (the sample is loaded and worked out). */
async function selectMap(page: Page, base: string, flowId: string): Promise<void> {
  await page.goto(`${base}#/flows/${flowId}`);
  await page.locator('.react-flow__node').nth(1).click();
  await page.getByRole('region', { name: 'Mapping output' }).locator('.mapping-output-json').waitFor({ timeout: 60_000 });
}

/**
 * Opening: Enter on "Open workbench", timed in the page from the keydown to the dialog in the DOM
 * (`shownMs`) and to its first output settled (`outputMs`); closed with Esc between openings.
 */
async function openTimes(page: Page): Promise<{ shownMs: number[]; outputMs: number[] }> {
  const shownMs: number[] = [];
  const outputMs: number[] = [];
  for (let i = 0; i < OPENINGS; i++) {
    await page.getByRole('button', { name: 'Open workbench' }).focus();
    await page.evaluate(() => {
      const w = window as unknown as { pwOpen: { at: number; shown?: number; output?: number } };
      document.addEventListener('keydown', () => (w.pwOpen = { at: performance.now() }), { capture: true, once: true });
      new MutationObserver((_, observer) => {
        const dialog = document.querySelector('[role="dialog"]');
        if (dialog && w.pwOpen && w.pwOpen.shown === undefined) w.pwOpen.shown = performance.now();
        const pane = document.querySelector('[role="dialog"] [aria-label="Output"]');
        if (w.pwOpen && pane?.getAttribute('aria-busy') === 'false' && document.querySelector('[role="dialog"] [aria-label="Output 1"] pre')) {
          w.pwOpen.output = performance.now();
          observer.disconnect();
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as { pwOpen?: { output?: number } }).pwOpen?.output !== undefined, undefined, { timeout: 60_000 });
    const open = await page.evaluate(() => (window as unknown as { pwOpen: { at: number; shown: number; output: number } }).pwOpen);
    shownMs.push(open.shown - open.at);
    outputMs.push(open.output - open.at);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  }
  return { shownMs, outputMs };
}

/** Keystroke → output in the open workbench: digits typed at the end of the expression, one at a time. */
async function typingLatency(page: Page, keystrokes: number): Promise<{ p50Ms: number; maxMs: number; longestTaskMs: number }> {
  await page.getByRole('button', { name: 'Open workbench' }).click();
  const first = page.getByRole('dialog').getByRole('region', { name: 'Output 1' }).locator('pre');
  await first.waitFor({ timeout: 60_000 });
  await page.getByRole('dialog').locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.evaluate(() => {
    // No named helpers in here: the bundler would wrap them in a function the page does not have.
    const w = window as unknown as PageTimings;
    w.pwLong = 0;
    w.pwTimes = [];
    w.pwKey = undefined;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => (w.pwLong = Math.max(w.pwLong, e.duration)))).observe({ type: 'longtask' });
    document.addEventListener('keydown', () => (w.pwKey = { at: performance.now(), before: document.querySelector('[role="dialog"] [aria-label="Output 1"] pre')?.textContent ?? null }), true);
    new MutationObserver(() => {
      const pane = document.querySelector('[role="dialog"] [aria-label="Output"]');
      const shown = document.querySelector('[role="dialog"] [aria-label="Output 1"] pre')?.textContent ?? null;
      if (w.pwKey && pane?.getAttribute('aria-busy') === 'false' && shown !== null && shown !== w.pwKey.before) {
        w.pwTimes.push(performance.now() - w.pwKey.at);
        w.pwKey = undefined;
      }
    }).observe(document.querySelector('[role="dialog"]') as Node, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  for (let i = 0; i < keystrokes; i++) {
    const before = await first.textContent();
    await page.keyboard.type(String(i % 10));
    await page.waitForFunction(outputSettled, before, { timeout: 30_000 });
  }
  const { times, longest } = await page.evaluate(() => ({ times: (window as unknown as PageTimings).pwTimes, longest: (window as unknown as PageTimings).pwLong }));
  await page.keyboard.press('Escape');
  const sorted = [...times].sort((a, b) => a - b);
  return { p50Ms: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, maxMs: sorted[sorted.length - 1] ?? Number.NaN, longestTaskMs: longest };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const workspace = mkdtempSync(join(tmpdir(), 'pipewright-bench-workbench-'));
mkdirSync(join(workspace, 'flows'));
const sample100k = sampleOfSize(100_000);
for (const flow of [mappingFlow('sample100k', sample100k), mappingFlow('sample5m', sampleOfSize(5_000_000)), mappingFlow('workers100k', sample100k, '$formatNumber($count(items), "#") & 1')]) {
  writeFileSync(join(workspace, 'flows', `${flow.id}.flow.json`), serializeFlow(flow));
}
const server = await startServer(workspace);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const base = `${server.url}?token=${server.token}`;
  await selectMap(page, base, 'sample100k');
  const typing100k = await typingLatency(page, 15);
  await selectMap(page, base, 'workers100k');
  const typing100kWorkers = await typingLatency(page, 15);
  await selectMap(page, base, 'sample5m');
  const open5m = await openTimes(page);
  const typing5m = await typingLatency(page, 5);
  const figures = { open5m: { shownMs: median(open5m.shownMs), shownMaxMs: Math.max(...open5m.shownMs), outputMs: median(open5m.outputMs), outputMaxMs: Math.max(...open5m.outputMs) }, typing100k, typing5m, typing100kWorkers };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} finally {
  await browser.close();
  server.child.kill('SIGTERM');
  rmSync(workspace, { recursive: true, force: true });
}
