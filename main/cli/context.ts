// What every verb gets: the workspace folder (global `--workspace`, default the current folder), the
// terminal to print to, and the engine, opened lazily so that `validate` and `eval` start without
// loading SQLite. The engine gets the workspace's credentials, opened later still: the secret store
// (keychain, encrypted file, environment) is touched only when a node asks for a credential, so a
// flow without one runs where no keychain is reachable. Exit codes live here so each verb speaks the same numbers (DESIGN.md §7).
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { PipewrightError } from '../../shared/errors.js';
import type { Engine, OpenEngineOptions } from '../engine/types.js';

export const EXIT = {
  ok: 0,
  /** run/resume/replay: some messages ended as dead letters; test: a test failed. */
  failed: 1,
  /** Invalid flow, input, expression or arguments. */
  invalid: 2,
  /** Something the user could not have caused: a bug or a broken environment. */
  internal: 70,
  /** Stopped by SIGINT/SIGTERM; the run can be finished with `pipewright resume`. */
  interrupted: 130,
} as const;

export interface Terminal {
  out(line: string): void;
  err(line: string): void;
  /** Progress lines (rewritten in place) go to stderr only when it is a terminal. */
  readonly stderrIsTTY: boolean;
}

export const processTerminal: Terminal = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  stderrIsTTY: process.stderr.isTTY === true,
};

export interface GlobalOptions {
  workspace?: string;
}

export class CliContext {
  readonly workspace: string;
  readonly cwd: string;
  private engine?: Engine;

  constructor(
    options: GlobalOptions,
    readonly terminal: Terminal = processTerminal,
  ) {
    this.cwd = process.cwd();
    this.workspace = resolve(this.cwd, options.workspace ?? '.');
    if (!existsSync(this.workspace) || !statSync(this.workspace).isDirectory()) {
      throw new PipewrightError('WORKSPACE_NOT_FOUND', `workspace folder not found: ${options.workspace ?? this.workspace}`);
    }
  }

  async openEngine(options: Omit<OpenEngineOptions, 'workspace'> = {}): Promise<Engine> {
    if (!this.engine) {
      const [{ openEngine }, { createCredentialProvider }] = await Promise.all([import('../engine/index.js'), import('../credentials/provider.js')]);
      const { workspace } = this;
      const credentials = options.credentials
        ?? createCredentialProvider(async () => (await import('../credentials/open-vault.js')).openCredentialVault(workspace));
      this.engine = openEngine({ ...options, credentials, workspace });
    }
    return this.engine;
  }

  async close(): Promise<void> {
    await this.engine?.close();
    delete this.engine;
  }
}
