// `pipewright serve --db …` and `pipewright worker --db …` as child processes for the scale-out proofs:
// started through the real command, ready once they printed "Press Ctrl+C to stop.", stopped with a
// signal and awaited (SIGKILL after a grace period, so a test always ends).
import type { ChildProcess } from 'node:child_process';
import { collect, startCli, type CliResult } from '../cli/cli-harness.js';

export interface CliProcess {
  child: ChildProcess;
  ended: Promise<CliResult>;
  stdout(): string;
  stderr(): string;
  /** Sends `signal` and waits for the exit (SIGKILL after 20 s). */
  stop(signal?: NodeJS.Signals): Promise<CliResult>;
}

export async function startPipewright(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliProcess> {
  const child = startCli(args, { cwd, env });
  const ended = collect(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer | string) => (stdout += String(chunk)));
  child.stderr?.on('data', (chunk: Buffer | string) => (stderr += String(chunk)));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`pipewright ${args.join(' ')} printed no banner within 30 s:\n${stdout}\n${stderr}`)), 30_000);
      child.stdout?.on('data', () => {
        if (!stdout.includes('Press Ctrl+C to stop.')) return;
        clearTimeout(timer);
        resolve();
      });
      void ended.then((end) => {
        clearTimeout(timer);
        reject(new Error(`pipewright ${args.join(' ')} exited early (${end.code}):\n${end.stdout}\n${end.stderr}`));
      });
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    child, ended, stdout: () => stdout, stderr: () => stderr,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const end = await ended;
      clearTimeout(kill);
      return end;
    },
  };
}

/** Polls `check` every 100 ms until it holds or `ms` pass; returns whether it held. */
export async function waitUntil(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}
