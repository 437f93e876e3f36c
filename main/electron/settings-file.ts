// The desktop app's own settings: one JSON file in Electron's userData folder (app.getPath('userData'),
// e.g. ~/.config/Pipewright/settings.json on Linux). It holds where the window was and the recent
// workspaces; nothing about flows (those live in the workspace) and never a secret (those live in the
// OS keychain). A missing or damaged file means defaults: settings are a convenience, never a reason
// not to start.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from '../files/atomic-write.js';
import { parseRecent } from './recent-workspaces.js';
import { parseWindowState, type WindowState } from './window-state.js';

export const SETTINGS_FILE_NAME = 'settings.json';

export interface AppSettings {
  window?: WindowState;
  /** Most recent first; the first one is opened at start when no folder is given. */
  recentWorkspaces: string[];
}

export function settingsPath(userDataDir: string): string {
  return join(userDataDir, SETTINGS_FILE_NAME);
}

export function parseSettings(value: unknown): AppSettings {
  const raw = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const window = parseWindowState(raw.window);
  return { ...(window ? { window } : {}), recentWorkspaces: parseRecent(raw.recentWorkspaces) };
}

export function readSettings(file: string): AppSettings {
  try {
    return parseSettings(JSON.parse(readFileSync(file, 'utf8')) as unknown);
  } catch {
    return parseSettings(undefined);
  }
}

/** Atomic, so a crash never leaves half a file (which would cost the user their recent workspaces). */
export function writeSettings(file: string, settings: AppSettings): void {
  writeFileAtomically(file, `${JSON.stringify(settings, null, 2)}\n`);
}
