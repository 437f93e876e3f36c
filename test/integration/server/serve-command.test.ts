// `pipewright serve` as a user runs it: the real command in a child process on a temporary workspace,
// stopped with SIGTERM. Each start costs about a second of tsx start-up, so the checks are batched.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { tokenFilePath } from '../../../main/server/index.js';
import { collect, hasStackTrace, startCli, Workspace, type CliResult } from '../cli/cli-harness.js';

const ws = new Workspace('pipewright-serve-');
afterAll(() => ws.remove());

interface Running {
  url: string;
  token?: string;
  stdout: string;
  stop(): Promise<CliResult>;
}

/** Starts `serve --port 0` and resolves once it printed its banner. */
async function serve(...args: string[]): Promise<Running> {
  const child: ChildProcess = startCli(['--workspace', ws.dir, 'serve', '--port', '0', ...args], { cwd: ws.dir });
  const result = collect(child);
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer | string) => (stdout += String(chunk)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no banner:\n${stdout}`)), 15_000);
    child.stdout?.on('data', () => {
      if (stdout.includes('Press Ctrl+C to stop.')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void result.then((end) => reject(new Error(`serve exited early (${end.code}):\n${end.stdout}\n${end.stderr}`)));
  });
  const url = /^designer: (\S+)$/m.exec(stdout)?.[1] ?? '';
  const token = /^API token: (pw_\S+)$/m.exec(stdout)?.[1];
  return {
    url, stdout, ...(token === undefined ? {} : { token }),
    stop: () => {
      child.kill('SIGTERM');
      return result;
    },
  };
}

async function status(url: string, path: string, token?: string): Promise<number> {
  const response = await fetch(new URL(path, url), {
    method: path.startsWith('api/rpc/') ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    ...(path.startsWith('api/rpc/') ? { body: '{}' } : {}),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('pipewright serve', () => {
  it('prints the address and, on the first start only, the token to keep; stops cleanly on SIGTERM', async () => {
    const first = await serve();
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(first.token).toMatch(/^pw_[A-Za-z0-9_-]{43}$/);
    expect(first.stdout).toMatch(/Keep this token: it is shown only this once/);
    const token = first.token as string;
    expect(await status(first.url, 'api/health')).toBe(200);
    expect(await status(first.url, 'api/rpc/flows.list')).toBe(401);
    expect(await status(first.url, 'api/rpc/flows.list', token)).toBe(200);
    expect(readFileSync(tokenFilePath(ws.dir), 'utf8')).not.toContain(token);
    const stopped = await first.stop();
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toMatch(/SIGTERM: stopping the server/);
    expect(stopped.stderr).toMatch(/stopped$/m);
    expect(hasStackTrace(stopped.stderr)).toBe(false);

    const second = await serve();
    expect(second.token).toBeUndefined();
    expect(second.stdout).toMatch(/API token: the one printed on the first start/);
    expect(await status(second.url, 'api/rpc/flows.list', token)).toBe(200);
    expect((await second.stop()).code).toBe(0);

    const reset = await serve('--reset-token');
    expect(reset.token).toMatch(/^pw_/);
    expect(reset.token).not.toBe(token);
    expect(await status(reset.url, 'api/rpc/flows.list', token)).toBe(401);
    expect(await status(reset.url, 'api/rpc/flows.list', reset.token)).toBe(200);
    expect((await reset.stop()).code).toBe(0);
  });

  it('fails on a port in use with one clear line, and keeps no token nobody was shown', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const fresh = new Workspace('pipewright-serve-busy-');
    try {
      const result = await fresh.run(['serve', '--port', String((busy.address() as AddressInfo).port)]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^pipewright: PORT_IN_USE port \d+ on 127\.0\.0\.1 is already in use/m);
      expect(result.stdout).not.toContain('API token');
      expect(existsSync(tokenFilePath(fresh.dir))).toBe(false);
      expect(hasStackTrace(result.stderr)).toBe(false);
    } finally {
      fresh.remove();
      busy.close();
    }
  });

  it('refuses a bad port with one clear line and exit 2', async () => {
    const result = await ws.run(['serve', '--port', '70000']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^pipewright: .*--port.*must be a port number/m);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });
});
