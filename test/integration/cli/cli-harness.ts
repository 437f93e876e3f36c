// Spawns the real `pipewright` command (`node --import tsx main/cli/bin.ts`) in a temporary workspace.
// Each spawn costs about a second of tsx start-up on a small machine, so tests batch their checks into
// as few invocations as they can.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(REPO, 'main/cli/bin.ts');
export const EXAMPLES = join(REPO, 'assets/examples');
export const FIXTURES = join(REPO, 'test/fixtures/cli');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd: string;
  stdin?: string;
  env?: Record<string, string>;
}

export function startCli(args: string[], options: CliOptions): ChildProcess {
  const child = spawn(process.execPath, ['--import', TSX, BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, PIPEWRIGHT_DEBUG: '', NO_COLOR: '1', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin?.end(options.stdin ?? '');
  return child;
}

export function collect(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export function cli(args: string[], options: CliOptions): Promise<CliResult> {
  return collect(startCli(args, options));
}

/** The JSON printed on stdout; fails with the whole output when it is not JSON. */
export function stdoutJson<T>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** No stack trace leaked: stack frames look like "    at fn (file:line:col)". */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[:(]/m.test(text);
}

export class Workspace {
  readonly dir: string;

  constructor(prefix = 'pipewright-cli-') {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
    mkdirSync(join(this.dir, 'flows'));
  }

  path(...parts: string[]): string {
    return join(this.dir, ...parts);
  }

  write(relative: string, content: unknown): string {
    const path = this.path(relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
    return path;
  }

  copyExample(name: string, to = `flows/${name}`): string {
    const path = this.path(to);
    cpSync(join(EXAMPLES, name), path);
    return path;
  }

  copyFixture(name: string, to = name): string {
    const path = this.path(to);
    cpSync(join(FIXTURES, name), path);
    return path;
  }

  run(args: string[], options: Omit<CliOptions, 'cwd'> = {}): Promise<CliResult> {
    return cli(['--workspace', this.dir, ...args], { cwd: this.dir, ...options });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

type NodeSpec = [id: string, type: string, config?: Record<string, unknown>];

/** A flow document from a chain of nodes (each feeding the next by `out`) plus extra edges. */
export function chainFlow(id: string, nodes: NodeSpec[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'pipewright/flow@1',
    id,
    name: id,
    nodes: nodes.map(([nodeId, type, config], index) => ({ id: nodeId, type, position: [index * 260, 0], config: config ?? {} })),
    edges: nodes.slice(1).map(([to], index) => ({ from: nodes[index]?.[0], to })),
    ...extra,
  };
}
