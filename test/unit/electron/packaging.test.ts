// electron-builder.yml cannot be run here (it downloads Electron), so it is checked as data: it parses
// with the YAML reader electron-builder itself uses, names the installers we ship, and every file it
// points to exists.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPaths, BUNDLE_DIR, BUNDLE_FILES } from '../../../main/electron/app-paths.js';
import { drawIcon, encodePng } from '../../../main/electron/scripts/make-icons.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  appId: string;
  extraMetadata: { homepage?: string; author?: { name?: string; email?: string } };
  productName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  nodeGypRebuild: boolean;
  linux: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
}

const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string>; dependencies: Record<string, string> };

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('names the app and the installers for each platform', () => {
    expect(config.appId).toBe('dev.pipewright.app');
    expect(config.productName).toBe('Pipewright');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.directories.output).toBe('release');
  });

  it('gives the deb the homepage and maintainer address electron-builder refuses to build without', () => {
    expect(config.extraMetadata.homepage).toMatch(/^https:\/\//);
    expect(config.extraMetadata.author?.email).toMatch(/@/);
  });

  it('packs the Electron bundles package.json "main" points to, and the built designer', () => {
    expect(pkg.main).toBe(`${BUNDLE_DIR}/${BUNDLE_FILES.main}`);
    expect(config.files).toEqual(expect.arrayContaining(['package.json', `${BUNDLE_DIR}/**/*`, 'renderer/dist/**/*']));
    // The window icon is read at run time, so it must be in the app, not only in buildResources.
    const windowIcon = appPaths(join(ROOT, BUNDLE_DIR)).icon;
    expect(config.files).toContain(windowIcon.slice(ROOT.length + 1).split('\\').join('/'));
  });

  it('keeps the native modules out of the asar and rebuilds better-sqlite3 for Electron', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/better-sqlite3/**', '**/node_modules/@napi-rs/keyring*/**']));
    expect(Object.keys(pkg.dependencies)).toEqual(expect.arrayContaining(['better-sqlite3', '@napi-rs/keyring']));
    expect(config.npmRebuild).toBe(true);
    expect(config.nodeGypRebuild).toBe(false);
  });

  it('points at icons that exist, at the sizes each platform needs', () => {
    expect(pngSize(join(ROOT, config.mac.icon))).toEqual({ width: 512, height: 512 });
    expect(pngSize(join(ROOT, config.win.icon))).toEqual({ width: 256, height: 256 });
    for (const size of [256, 512]) expect(pngSize(join(ROOT, config.linux.icon, `${size}x${size}.png`))).toEqual({ width: size, height: size });
    expect(existsSync(join(ROOT, config.directories.buildResources))).toBe(true);
  });

  it('ships icons the icon script still draws', () => {
    expect(encodePng(256, 256, drawIcon(256)).equals(readFileSync(join(ROOT, 'assets/icons/256x256.png')))).toBe(true);
  });
});

describe('package.json scripts', () => {
  it('start the desktop app, or the same designer in a browser', () => {
    expect(pkg.scripts.start).toBe('npm run -s build:renderer && npm run -s build:electron && tsx main/electron/scripts/start.ts');
    expect(pkg.scripts.web).toBe('npm run -s build:renderer && tsx main/cli/scripts/web.ts');
    expect(pkg.scripts.dist).toMatch(/build:renderer && npm run -s build:electron && electron-builder --config electron-builder.yml/);
  });
});
