// `npm start`, after the renderer and the Electron bundles are built: launches Electron on this
// checkout (package.json "main" → dist/electron/main.cjs), passing on any arguments (a workspace
// folder). The Electron binary is downloaded on first use; when that fails (offline) or no window can
// open, one line says why and points to `npm run web`.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { cannotStartLine, displayProblem, findElectronBinary } from './electron-binary.js';

const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));

function binary(): string | undefined {
  const first = findElectronBinary(electronDir);
  if (first.found) return first.path;
  process.stderr.write('pipewright: downloading Electron (first start only)…\n');
  const download = spawnSync(process.execPath, [`${electronDir}/install.js`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const second = findElectronBinary(electronDir);
  if (second.found) return second.path;
  const why = download.status === 0 ? second.reason : `the Electron binary could not be downloaded (${firstLine(download.stderr) ?? 'no network?'})`;
  process.stderr.write(`${cannotStartLine(why)}\n`);
  return undefined;
}

function firstLine(text: string | null): string | undefined {
  return text?.split('\n').map((line) => line.trim()).find((line) => line !== '');
}

function main(): void {
  const noDisplay = displayProblem(process.platform, process.env);
  if (noDisplay) {
    process.stderr.write(`${cannotStartLine(noDisplay)}\n`);
    process.exitCode = 1;
    return;
  }
  const electron = binary();
  if (electron === undefined) {
    process.exitCode = 1;
    return;
  }
  // npm runs scripts from the package root; a relative folder was meant from where `npm start` was typed.
  const from = process.env.INIT_CWD ?? process.cwd();
  const args = process.argv.slice(2).map((arg) => (arg.startsWith('-') ? arg : resolve(from, arg)));
  const child = spawn(electron, ['.', ...args], { stdio: 'inherit' });
  child.on('error', (error) => {
    process.stderr.write(`${cannotStartLine(`Electron could not be run (${error.message})`)}\n`);
    process.exitCode = 1;
  });
  child.on('exit', (code, signal) => {
    if (code !== 0 && code !== null) process.stderr.write(`${cannotStartLine(`Electron exited with code ${code}`)}\n`);
    process.exitCode = code ?? (signal ? 1 : 0);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
}

main();
