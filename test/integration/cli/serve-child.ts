// A real `pipewright serve` in a child process on its own temporary workspace, for tests of the commands
// that talk to a server (deploy, login, flows --server): started on a free port of 127.0.0.1, its first
// start's token read from the banner, stopped with SIGTERM. Secrets are kept in an encrypted file, as
// on a server, so the server never needs a keychain.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { collect, startCli, Workspace, type CliResult } from './cli-harness.js';

export interface ServeChild {
  workspace: Workspace;
  /** `http://127.0.0.1:<port>` (no trailing slash, as a user types it). */
  url: string;
  token: string;
  /** What the server printed on stderr so far (live-flow lines). */
  stderr(): string;
  stop(): Promise<CliResult>;
}

export async function startServeChild(prefix = 'pipewright-serve-child-'): Promise<ServeChild> {
  const workspace = new Workspace(prefix);
  const env = { PIPEWRIGHT_SECRETS_KEY: randomBytes(32).toString('base64') };
  const child: ChildProcess = startCli(['--workspace', workspace.dir, 'serve', '--port', '0'], { cwd: workspace.dir, env });
  const result = collect(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer | string) => (stdout += String(chunk)));
  child.stderr?.on('data', (chunk: Buffer | string) => (stderr += String(chunk)));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve printed no banner within 20 s:\n${stdout}\n${stderr}`)), 20_000);
      child.stdout?.on('data', () => {
        if (!stdout.includes('Press Ctrl+C to stop.')) return;
        clearTimeout(timer);
        resolve();
      });
      void result.then((end) => {
        clearTimeout(timer);
        reject(new Error(`serve exited early (${end.code}):\n${end.stdout}\n${end.stderr}`));
      });
    });
  } catch (error) {
    child.kill('SIGKILL');
    workspace.remove();
    throw error;
  }
  const url = (/^designer: (\S+)$/m.exec(stdout)?.[1] ?? '').replace(/\/$/, '');
  const token = /^API token: (pw_\S+)$/m.exec(stdout)?.[1] ?? '';
  return {
    workspace, url, token,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      // A server that does not stop within its grace period is killed: the test must end either way.
      const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const end = await result;
      clearTimeout(kill);
      workspace.remove();
      return end;
    },
  };
}
