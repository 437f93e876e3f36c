// The application menu as data (Electron's MenuItemConstructorOptions), built without Electron so a
// test can check it: the usual roles and shortcuts, reload and devtools only in development.
import { basename } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openWorkspace(): void;
  openRecent(folder: string): void;
  clearRecent(): void;
  importFlows(): void;
  exportFlows(): void;
  revealWorkspace(): void;
  openDocs(): void;
  reportIssue(): void;
  showAbout(): void;
}

export interface MenuInput {
  platform: NodeJS.Platform;
  isDev: boolean;
  recentWorkspaces: readonly string[];
  actions: MenuActions;
}

export function buildMenuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const { actions } = input;
  const mac = input.platform === 'darwin';
  const recent: MenuItemConstructorOptions[] = input.recentWorkspaces.length === 0
    ? [{ label: 'No recent workspaces', enabled: false }]
    : input.recentWorkspaces.map((folder) => ({ label: `${basename(folder) || folder}  —  ${folder}`, click: () => actions.openRecent(folder) }));

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkspace() },
      { label: 'Recent Workspaces', submenu: [...recent, { type: 'separator' }, { label: 'Clear Recent', enabled: input.recentWorkspaces.length > 0, click: () => actions.clearRecent() }] },
      { label: 'Show Workspace Folder', click: () => actions.revealWorkspace() },
      { type: 'separator' },
      { label: 'Import Flows…', click: () => actions.importFlows() },
      { label: 'Export Flows…', click: () => actions.exportFlows() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' },
    ],
  };

  // Edit roles make copy/paste/undo work in text fields and in Monaco. The canvas handles Ctrl+Z, Ctrl+Y
  // and Ctrl+A itself (renderer/src/canvas/use-canvas-shortcuts.ts), so outside macOS those keys are
  // shown but not registered: they reach the page instead of the menu. (macOS gives the page the first
  // chance at key equivalents anyway, and needs the roles for them to work at all.)
  const pageKeys = mac ? {} : { registerAccelerator: false };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo', ...pageKeys },
      { role: 'redo', ...pageKeys },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll', ...pageKeys },
    ],
  };

  const development: MenuItemConstructorOptions[] = input.isDev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...development,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const window: MenuItemConstructorOptions = {
    label: '&Window',
    role: 'windowMenu',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  };

  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      { label: 'Pipewright Documentation', click: () => actions.openDocs() },
      { label: 'Report an Issue', click: () => actions.reportIssue() },
      ...(mac ? [] : [{ type: 'separator' } as const, { label: 'About Pipewright', click: () => actions.showAbout() }]),
    ],
  };

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [{
        role: 'appMenu',
        submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
      }]
    : [];
  return [...appMenu, file, edit, view, window, help];
}
