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

/** A `pipewright serve --port 0` child on a workspace folder, once it printed its banner. */
export interface RunningServe {
  child: ChildProcess;
  ended: Promise<CliResult>;
  stdout(): string;
  stderr(): string;
}

/** Starts `serve --port 0` on `dir` and resolves once its banner is out; rejects (and kills it) when it is not within 20 s. */
export async function startServe(dir: string, env: Record<string, string>): Promise<RunningServe> {
  const child: ChildProcess = startCli(['--workspace', dir, 'serve', '--port', '0'], { cwd: dir, env });
  const ended = collect(child);
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
      void ended.then((end) => {
        clearTimeout(timer);
        reject(new Error(`serve exited early (${end.code}):\n${end.stdout}\n${end.stderr}`));
      });
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { child, ended, stdout: () => stdout, stderr: () => stderr };
}

export async function startServeChild(prefix = 'pipewright-serve-child-'): Promise<ServeChild> {
  const workspace = new Workspace(prefix);
  const env = { PIPEWRIGHT_SECRETS_KEY: randomBytes(32).toString('base64') };
  let running: RunningServe;
  try {
    running = await startServe(workspace.dir, env);
  } catch (error) {
    workspace.remove();
    throw error;
  }
  const { child, ended: result } = running;
  const url = (/^designer: (\S+)$/m.exec(running.stdout())?.[1] ?? '').replace(/\/$/, '');
  const token = /^API token: (pw_\S+)$/m.exec(running.stdout())?.[1] ?? '';
  return {
    workspace, url, token,
    stderr: running.stderr,
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
