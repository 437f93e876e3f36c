// Finds the Electron executable the `electron` npm package installed, without running the package's
// index.js (which downloads on first use and throws with a stack trace when it cannot). Pure apart
// from reading files, so the offline case is tested.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

/** `electronDir` is node_modules/electron; ELECTRON_OVERRIDE_DIST_PATH is honoured as the package does. */
export function findElectronBinary(electronDir: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const path = join(override, relative ?? 'electron');
    return existsSync(path) ? { found: true, path } : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH names ${path}, which does not exist` };
  }
  if (relative === undefined) return { found: false, reason: 'the Electron binary has not been downloaded yet' };
  const path = join(electronDir, 'dist', relative);
  return existsSync(path) ? { found: true, path } : { found: false, reason: `the Electron binary is missing (${path})` };
}

/** Why a window cannot open on this machine at all, or undefined when it may. */
export function displayProblem(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string | undefined {
  if (platform !== 'linux') return undefined;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return undefined;
  return 'there is no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
}

export const WEB_HINT = '`npm run web` opens the same designer in a browser';

export function cannotStartLine(reason: string): string {
  return `pipewright: cannot start the desktop app: ${reason}; ${WEB_HINT}.`;
}
