import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cannotStartLine, displayProblem, findElectronBinary } from '../../../main/electron/scripts/electron-binary.js';

const base = mkdtempSync(join(tmpdir(), 'pw-electron-pkg-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('npm start finding Electron', () => {
  it('reports a binary that was never downloaded (this offline machine)', () => {
    const dir = join(base, 'fresh');
    mkdirSync(dir);
    expect(findElectronBinary(dir, {})).toEqual({ found: false, reason: 'the Electron binary has not been downloaded yet' });
  });

  it('finds the binary the package downloaded', () => {
    const dir = join(base, 'installed');
    mkdirSync(join(dir, 'dist'), { recursive: true });
    writeFileSync(join(dir, 'path.txt'), 'electron');
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect(findElectronBinary(dir, {})).toEqual({ found: true, path: join(dir, 'dist', 'electron') });
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: join(base, 'nowhere') })).toMatchObject({ found: false });
  });

  it('knows when no window can open', () => {
    expect(displayProblem('linux', {})).toMatch(/no graphical display/);
    expect(displayProblem('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBeUndefined();
    expect(displayProblem('darwin', {})).toBeUndefined();
  });

  it('says why in one line and points to npm run web', () => {
    const line = cannotStartLine('the Electron binary could not be downloaded (fetch failed)');
    expect(line).not.toContain('\n');
    expect(line).toBe('pipewright: cannot start the desktop app: the Electron binary could not be downloaded (fetch failed); `npm run web` opens the same designer in a browser.');
  });
});
