// What the designer benchmarks in Chromium share (./designer.ts, ./workbench.ts,
// ./designer-operations.ts): Chromium's flags, `pipewright serve` in a child process, and the Map flow
// whose sample is about a given size.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Page } from 'playwright-core';
import type { FlowDocument } from '../../shared/flow/schema.js';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

const ITEM = { sku: 'SKU-000000', name: 'A product with a reasonably long name', price: 12.5, qty: 3, tags: ['a', 'b'] };

/** Items in a sample of about `bytes` bytes. */
export function itemCount(bytes: number): number {
  return Math.ceil(bytes / (JSON.stringify(ITEM).length + 1));
}

export function sampleOfSize(bytes: number): unknown {
  return { items: Array.from({ length: itemCount(bytes) }, (_, i) => ({ ...ITEM, sku: `SKU-${String(i).padStart(6, '0')}` })) };
}

/** Manual trigger → Map "Count" (`$count(items) + 1` unless told), with `sample` as the trigger's sample. */
export function mappingFlow(id: string, sample: unknown, expression = '$count(items) + 1'): FlowDocument {
  return {
    format: 'pipewright/flow@1', id, name: id,
    nodes: [
      { id: 'in', type: 'trigger.manual', position: [0, 0], config: {} },
      { id: 'count', type: 'transform.map', name: 'Count', position: [260, 0], config: { expression } },
    ],
    edges: [{ from: 'in', to: 'count' }],
    samples: { in: [sample] },
  };
}

/** `pipewright serve` on `workspace` at a free port; resolves once it printed its address and token. */
export async function startServer(workspace: string): Promise<{ url: string; token: string; child: ChildProcess }> {
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

/**
 * Waits until the designer has loaded its expression editor (Monaco), which it does in the first pause
 * of the user's input after opening (renderer/src/mapping/when-quiet.ts): that one long task is then
 * not timed as a frame of the gesture that follows.
 */
export async function editorPreloaded(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => /\/monaco-setup[^/]*\.js$/.test(entry.name)), undefined, { timeout: 30_000 });
  // Loaded, then evaluated: a few frames for that task to end.
  await page.waitForTimeout(500);
}
