// Designer figures in Debian's Chromium against `pipewright serve` (DESIGN.md §10): how long a
// 1,000-node flow takes to open and answer a click, and how fast the mapping editor's live output
// follows typing on a 100 KB and a 5 MB sample. Prints one JSON object. Needs renderer/dist built.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { serializeFlow } from '../../shared/flow/serialize.js';
import type { FlowDocument, FlowNode } from '../../shared/flow/schema.js';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

function bigFlow(count: number): FlowDocument {
  const nodes: FlowNode[] = [{ id: 'in', type: 'trigger.manual', position: [0, 0], config: {} }];
  for (let i = 1; i < count; i++) {
    nodes.push({ id: `m${i}`, type: 'transform.map', position: [(i % 25) * 220, Math.floor(i / 25) * 120], config: { expression: `{ "step": ${i}, "id": id }` } });
  }
  const edges = nodes.slice(1).map((node, i) => ({ from: nodes[i]?.id ?? 'in', to: node.id }));
  return { format: 'pipewright/flow@1', id: 'big', name: 'A thousand nodes', nodes, edges };
}

function sampleOfSize(bytes: number): unknown {
  const item = { sku: 'SKU-000000', name: 'A product with a reasonably long name', price: 12.5, qty: 3, tags: ['a', 'b'] };
  const per = JSON.stringify(item).length + 1;
  return { items: Array.from({ length: Math.ceil(bytes / per) }, (_, i) => ({ ...item, sku: `SKU-${String(i).padStart(6, '0')}` })) };
}

function mappingFlow(id: string, sample: unknown): FlowDocument {
  return {
    format: 'pipewright/flow@1', id, name: id,
    nodes: [
      { id: 'in', type: 'trigger.manual', position: [0, 0], config: {} },
      { id: 'count', type: 'transform.map', name: 'Count', position: [260, 0], config: { expression: '$count(items) + 1' } },
    ],
    edges: [{ from: 'in', to: 'count' }],
    samples: { in: [sample] },
  };
}

async function startServer(workspace: string): Promise<{ url: string; token: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/bin.ts', 'serve', '--workspace', workspace, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const url = /designer: (\S+)/.exec(out)?.[1];
      const token = /API token: (\S+)/.exec(out)?.[1];
      if (url && token) resolve({ url, token, child });
    });
  });
}

async function openLargeFlow(page: Page, base: string): Promise<{ renderedMs: number; interactiveMs: number }> {
  const started = Date.now();
  await page.goto(`${base}#/flows/big`);
  await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length >= 1000, undefined, { timeout: 60_000, polling: 'raf' });
  const renderedMs = Date.now() - started;
  await page.locator('.react-flow__node').first().click();
  await page.getByRole('region', { name: 'Mapping editor' }).or(page.getByText('Manual trigger').first()).first().waitFor();
  return { renderedMs, interactiveMs: Date.now() - started };
}

/** Types digits at the end of the expression; each changes the output. Timed inside the page. */
async function typingLatency(page: Page, base: string, flowId: string, keystrokes: number): Promise<{ p50Ms: number; maxMs: number; longestTaskMs: number }> {
  await page.goto(`${base}#/flows/${flowId}`);
  await page.locator('.react-flow__node').nth(1).click();
  const output = page.getByRole('region', { name: 'Mapping output' });
  await output.locator('.mapping-output-json').waitFor({ timeout: 60_000 });
  await page.locator('.monaco-editor').first().click();
  await page.keyboard.press('End');
  await page.evaluate(() => {
    const w = window as unknown as { pwLong: number; pwTimes: number[]; pwKey: number };
    w.pwLong = 0;
    w.pwTimes = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => (w.pwLong = Math.max(w.pwLong, e.duration)))).observe({ type: 'longtask' });
    document.addEventListener('keydown', () => (w.pwKey = performance.now()), true);
    const target = document.querySelector('[aria-label="Mapping output"]');
    if (target) new MutationObserver(() => {
      if (target.getAttribute('aria-busy') === 'false' && w.pwKey) w.pwTimes.push(performance.now() - w.pwKey);
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
    const w = window as unknown as { pwLong: number; pwTimes: number[] };
    return { times: w.pwTimes, longest: w.pwLong };
  });
  const sorted = [...times].sort((a, b) => a - b);
  return { p50Ms: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, maxMs: sorted[sorted.length - 1] ?? Number.NaN, longestTaskMs: longest };
}

const workspace = mkdtempSync(join(tmpdir(), 'pipewright-bench-designer-'));
mkdirSync(join(workspace, 'flows'));
for (const flow of [bigFlow(1000), mappingFlow('sample100k', sampleOfSize(100_000)), mappingFlow('sample5m', sampleOfSize(5_000_000))]) {
  writeFileSync(join(workspace, 'flows', `${flow.id}.flow.json`), serializeFlow(flow));
}
const server = await startServer(workspace);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const base = `${server.url}?token=${server.token}`;
  const large = await openLargeFlow(page, base);
  const small = await typingLatency(page, base, 'sample100k', 15);
  const huge = await typingLatency(page, base, 'sample5m', 5);
  process.stdout.write(`${JSON.stringify({ largeFlow: large, typing100k: small, typing5m: huge })}\n`);
} finally {
  await browser.close();
  server.child.kill('SIGTERM');
  rmSync(workspace, { recursive: true, force: true });
}
