import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workspaceFromArgs } from '../../../main/electron/launch-args.js';
import { addRecent, MAX_RECENT, parseRecent, removeRecent } from '../../../main/electron/recent-workspaces.js';
import { readSettings, settingsPath, writeSettings } from '../../../main/electron/settings-file.js';

const userData = mkdtempSync(join(tmpdir(), 'pw-user-data-'));
afterAll(() => rmSync(userData, { recursive: true, force: true }));

describe('recent workspaces', () => {
  it('puts the latest first without duplicates and keeps at most ten', () => {
    let list: string[] = [];
    for (let i = 0; i < 12; i += 1) list = addRecent(list, `/w/${i}`);
    list = addRecent(list, '/w/5');
    expect(list[0]).toBe(resolve('/w/5'));
    expect(list).toHaveLength(MAX_RECENT);
    expect(new Set(list).size).toBe(list.length);
    expect(removeRecent(list, '/w/5')).not.toContain(resolve('/w/5'));
  });

  it('reads back only absolute paths', () => {
    expect(parseRecent([resolve('/a'), 'relative/b', 42, resolve('/a'), '', resolve('/c')])).toEqual([resolve('/a'), resolve('/c')]);
    expect(parseRecent('nope')).toEqual([]);
  });
});

describe('the settings file', () => {
  it('lives in the userData folder and round-trips', () => {
    const file = settingsPath(userData);
    expect(file).toBe(join(userData, 'settings.json'));
    const settings = { window: { bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: true }, recentWorkspaces: [resolve('/home/ada/shop')] };
    writeSettings(file, settings);
    expect(readSettings(file)).toEqual(settings);
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
  });

  it('falls back to defaults when the file is missing or damaged', () => {
    expect(readSettings(join(userData, 'missing.json'))).toEqual({ recentWorkspaces: [] });
    const damaged = join(userData, 'damaged.json');
    writeFileSync(damaged, '{ "window": ');
    expect(readSettings(damaged)).toEqual({ recentWorkspaces: [] });
  });
});

describe('the workspace named at launch', () => {
  it('is the first plain argument, relative to the launch folder', () => {
    expect(workspaceFromArgs({ argv: ['/opt/Pipewright/pipewright-desktop', 'shop'], defaultApp: false, cwd: '/home/ada' })).toBe(resolve('/home/ada/shop'));
    expect(workspaceFromArgs({ argv: ['/x/electron', '.', '--inspect', '/srv/flows'], defaultApp: true, cwd: '/repo' })).toBe(resolve('/srv/flows'));
  });

  it('is absent when only switches are given', () => {
    expect(workspaceFromArgs({ argv: ['/x/electron', '.'], defaultApp: true, cwd: '/repo' })).toBeUndefined();
    expect(workspaceFromArgs({ argv: ['/opt/Pipewright/pipewright-desktop', '--no-sandbox', '-psn_0_1234'], defaultApp: false, cwd: '/' })).toBeUndefined();
  });
});
