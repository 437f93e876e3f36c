// `npm run web` opens a real workspace (issue "The designer as people meet it"): without --workspace the
// desktop's default folder, seeded with the example flows on the first start, never the repository root.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedExampleFlows } from '../../../main/workspace/seed-examples.js';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { collect, EXAMPLES, REPO } from './cli-harness.js';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-web-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('seeding the default workspace', () => {
  it('copies every example flow into flows/ and its samples into samples/ once', () => {
    const workspace = tempDir();
    const first = seedExampleFlows(workspace, EXAMPLES);
    const examples = readdirSync(EXAMPLES).filter((name) => name.endsWith('.flow.json')).map((name) => name.replace('.flow.json', '')).sort();
    expect(first.flows).toEqual(examples);
    expect(readdirSync(join(workspace, 'flows')).sort()).toEqual(examples.map((id) => `${id}.flow.json`));
    expect(readdirSync(join(workspace, 'samples'))).toContain('orders-to-erp.orders.jsonl');
    expect(seedExampleFlows(workspace, EXAMPLES).flows).toEqual([]);
  });

  it('never touches a workspace with flows of its own', () => {
    const workspace = tempDir();
    mkdirSync(join(workspace, 'flows'));
    writeFileSync(join(workspace, 'flows', 'mine.flow.json'), '{}');
    expect(seedExampleFlows(workspace, EXAMPLES).flows).toEqual([]);
    expect(readdirSync(join(workspace, 'flows'))).toEqual(['mine.flow.json']);
    expect(existsSync(join(workspace, 'samples'))).toBe(false);
  });
});

describe('the web launcher', () => {
  it('serves the seeded default workspace when no --workspace is given', async () => {
    const home = join(tempDir(), 'Pipewright');
    const child = spawn(process.execPath, ['--import', TSX, join(REPO, 'main/cli/scripts/web.ts'), '--port', '0'], {
      cwd: REPO, env: { ...process.env, PIPEWRIGHT_DEFAULT_WORKSPACE: home, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const ended = collect(child);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner within 30 s:\n${stdout}`)), 30_000);
      child.stdout.on('data', () => {
        if (!stdout.includes('Press Ctrl+C to stop.')) return;
        clearTimeout(timer);
        resolve();
      });
    });
    child.kill('SIGTERM');
    await ended;
    expect(stdout).toContain(`A first start: ${home} now holds the example flows (`);
    expect(stdout).toContain(`Pipewright is serving ${home}`);
    expect(readdirSync(join(home, 'flows'))).toContain('orders-to-erp.flow.json');
  }, 60_000);
});
