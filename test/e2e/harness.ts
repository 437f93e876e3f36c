// The end-to-end harness: the designer built (once, when renderer/dist is missing or older than its
// sources), the real `pipewright serve --port 0` in a child process on a temporary workspace, its URL
// and token read from the banner it prints, Debian's Chromium driven by playwright-core, and
// everything removed again by `close()`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { collect, startCli, type CliResult } from '../integration/cli/cli-harness.js';
import { requireSystem } from '../support/require-system.js';
import { beforeEach } from 'vitest';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const VITE = join(REPO, 'node_modules/vite/bin/vite.js');
const DIST_INDEX = join(REPO, 'renderer/dist/index.html');

/** Debian's Chromium; PIPEWRIGHT_CHROMIUM points elsewhere (or at nothing, to see the skip). */
export const CHROMIUM_PATH = process.env.PIPEWRIGHT_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Chromium is a system part: without it the e2e tests skip (or fail under PIPEWRIGHT_REQUIRE_ALL=1). */
export const chromiumCheck = requireSystem({
  name: `Chromium (${CHROMIUM_PATH})`,
  present: existsSync(CHROMIUM_PATH),
  install: 'apt-get install -y chromium fonts-dejavu-core',
});

// ---------------------------------------------------------------------------------------------------
// The designer build

/** Newest modification time (ms) of the files under `path` (or of `path` itself). */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** What the designer bundle is built from: its sources, `shared/` (which it imports) and the lockfile. */
function sourcesMtime(): number {
  return Math.max(...['renderer/src', 'renderer/index.html', 'renderer/vite.config.ts', 'renderer/tsconfig.json', 'shared', 'package-lock.json'].map((path) => newestMtime(join(REPO, path))));
}

export function rendererIsFresh(): boolean {
  return existsSync(DIST_INDEX) && statSync(DIST_INDEX).mtimeMs >= sourcesMtime();
}

/** One build at a time across test workers and checkouts of this repo: a lock directory in tmp. */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  const lock = join(tmpdir(), `pipewright-e2e-build-${Buffer.from(REPO).toString('base64url').slice(-40)}.lock`);
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Held by another worker; a lock older than two minutes is left over from a killed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`the designer build lock ${lock} was held for two minutes; remove it if no test run is going on`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Builds renderer/ into renderer/dist (`vite build renderer`) unless the build is newer than its sources. */
export async function ensureRendererBuilt(): Promise<void> {
  if (rendererIsFresh()) return;
  await withBuildLock(async () => {
    if (rendererIsFresh()) return; // another worker built it while this one waited
    const { code, output } = await run(process.execPath, [VITE, 'build', 'renderer', '--logLevel', 'warn'], REPO);
    if (code !== 0 || !existsSync(DIST_INDEX)) throw new Error(`vite build renderer failed (exit ${code}):\n${output}`);
  });
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

// ---------------------------------------------------------------------------------------------------
// The CLI

/** Runs `pipewright <args>` to the end, with the same spawn the CLI integration tests use. */
export function pipewright(args: string[], cwd: string): Promise<CliResult> {
  return collect(startCli(args, { cwd }));
}

// ---------------------------------------------------------------------------------------------------
// The server

export interface RunningServer {
  /** The designer's address, e.g. http://127.0.0.1:40123/ */
  url: string;
  token: string;
  /** Everything the server wrote to stderr so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

/** Starts `pipewright --workspace <dir> serve --port 0` and resolves once its banner named the URL and token. */
export async function startServer(workspace: string): Promise<RunningServer> {
  const child = startCli(['--workspace', workspace, 'serve', '--port', '0'], { cwd: workspace });
  let stdout = '';
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const banner = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    // Generous: under a full suite on two cores, start-up (tsx compiling the CLI) has taken over 20 s.
    const timer = setTimeout(() => reject(new Error(`pipewright serve printed no URL and token within 60 s:\n${stdout}\n${stderr}`)), 60_000);
    child.on('error', reject);
    void exited.then((code) => reject(new Error(`pipewright serve exited early (${code}):\n${stdout}\n${stderr}`)));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = /^designer: (\S+)$/m.exec(stdout)?.[1];
      const token = /^API token: (pw_\S+)$/m.exec(stdout)?.[1];
      if (url !== undefined && token !== undefined) {
        clearTimeout(timer);
        resolve({ url, token });
      }
    });
  });
  if (stderr.includes('the designer is not built')) throw new Error(`pipewright serve does not serve the designer:\n${stderr}`);
  return {
    ...banner,
    log: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Calls one contract method on the session's server over HTTP, as the designer does, and returns its
 * result; a refused call throws with the method and the server's message.
 */
export async function rpc(server: RunningServer, method: string, params: unknown): Promise<unknown> {
  const response = await fetch(new URL(`api/rpc/${method}`, server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify(params),
  });
  const body = (await response.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${method} failed: ${body.error?.message ?? response.status}`);
  return body.result;
}

/**
 * Makes a sequential describe a journey: once one step failed, the later ones are skipped, as they would
 * only report the same failure again. Call it inside the describe, before its steps.
 */
export function skipAfterFirstFailure(): void {
  let failed = false;
  beforeEach((context) => {
    if (failed) context.skip('an earlier step of this session failed');
    context.onTestFailed(() => {
      failed = true;
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// One end-to-end session: workspace + server + browser

export interface E2eSession {
  workspace: string;
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openSession(): Promise<E2eSession> {
  const workspace = mkdtempSync(join(tmpdir(), 'pipewright-e2e-'));
  mkdirSync(join(workspace, 'flows'));
  const cleanups: Array<() => Promise<void> | void> = [() => rmSync(workspace, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch {
        // Best effort: the other parts are still removed.
      }
    }
  };
  try {
    await ensureRendererBuilt();
    const server = await startServer(workspace);
    cleanups.push(() => server.stop());
    // The default launch uses a fresh temporary profile that Chromium removes on close.
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return { workspace, server, browser, context, page, pageErrors, close };
  } catch (error) {
    await close();
    throw error;
  }
}
