import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuActions } from '../../../main/electron/menu-template.js';

function actions(): MenuActions {
  return { openWorkspace: vi.fn(), openRecent: vi.fn(), clearRecent: vi.fn(), importFlows: vi.fn(), exportFlows: vi.fn(), revealWorkspace: vi.fn(), openDocs: vi.fn(), reportIssue: vi.fn(), showAbout: vi.fn() };
}

function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

describe('the application menu', () => {
  it('has File, Edit, View, Window and Help with the usual entries', () => {
    const template = buildMenuTemplate({ platform: 'linux', isDev: false, recentWorkspaces: [], actions: actions() });
    expect(template.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    const labels = flatten(template).map((item) => item.label ?? item.role);
    expect(labels).toEqual(expect.arrayContaining(['Open Workspace…', 'Recent Workspaces', 'Import Flows…', 'Export Flows…', 'Quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom']));
    expect(flatten(template).find((item) => item.label === 'Open Workspace…')?.accelerator).toBe('CmdOrCtrl+O');
  });

  it('offers reload and devtools only in development', () => {
    const roles = (isDev: boolean) => flatten(buildMenuTemplate({ platform: 'linux', isDev, recentWorkspaces: [], actions: actions() })).map((item) => item.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload', 'forceReload']));
  });

  it('lists recent workspaces and opens the one clicked', () => {
    const handlers = actions();
    const template = buildMenuTemplate({ platform: 'linux', isDev: false, recentWorkspaces: ['/home/ada/shop', '/home/ada/erp'], actions: handlers });
    const recent = flatten(template).find((item) => item.label === 'Recent Workspaces');
    const entries = (recent?.submenu as MenuItemConstructorOptions[]).filter((item) => item.click);
    expect(entries.map((item) => item.label)).toEqual(['shop  —  /home/ada/shop', 'erp  —  /home/ada/erp', 'Clear Recent']);
    click(entries[1]);
    expect(handlers.openRecent).toHaveBeenCalledWith('/home/ada/erp');
    click(flatten(template).find((item) => item.label === 'Import Flows…'));
    click(flatten(template).find((item) => item.label === 'Export Flows…'));
    expect(handlers.importFlows).toHaveBeenCalledOnce();
    expect(handlers.exportFlows).toHaveBeenCalledOnce();
  });

  it('leaves the canvas its own undo, redo and select-all keys outside macOS', () => {
    const editItems = (platform: NodeJS.Platform) => flatten(buildMenuTemplate({ platform, isDev: false, recentWorkspaces: [], actions: actions() }));
    expect(editItems('win32').find((item) => item.role === 'undo')?.registerAccelerator).toBe(false);
    expect(editItems('darwin').find((item) => item.role === 'undo')?.registerAccelerator).toBeUndefined();
  });

  it('has the macOS app menu on macOS only', () => {
    expect(buildMenuTemplate({ platform: 'darwin', isDev: false, recentWorkspaces: [], actions: actions() })[0]?.role).toBe('appMenu');
    expect(buildMenuTemplate({ platform: 'win32', isDev: false, recentWorkspaces: [], actions: actions() })[0]?.label).toBe('&File');
  });
});
