// Builds the installed command with the real esbuild script (`npm run build`) and runs it under plain
// node, as `pipewright` runs once installed: its version, and a flow whose regular expressions are
// evaluated in an evaluation process forked from the bundle's own evaluation-process.js.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIVE_MODULES } from '../../../main/build/native-modules.js';
import { bundleCli, type CliBundle } from '../../../main/cli/scripts/bundle.js';

const ROOT = resolve(import.meta.dirname, '../../..');
// Inside the checkout, as dist/main/cli is: the bundle finds package.json and node_modules above it.
const testDist = join(ROOT, 'dist', `cli-test-${process.pid}`);
const outDir = join(testDist, 'main', 'cli');
const workspace = mkdtempSync(join(tmpdir(), 'pw-cli-bundle-ws-'));

let bundle: CliBundle;
beforeAll(async () => {
  bundle = await bundleCli(outDir);
}, 120_000);

afterAll(() => {
  rmSync(testDist, { recursive: true, force: true });
  rmSync(workspace, { recursive: true, force: true });
});

const pipewright = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
  const result = spawnSync(process.execPath, [bundle.bin, '--workspace', workspace, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe('the bundled command', () => {
  it('leaves only Node built-ins, the native addons and pg-native outside itself', () => {
    const foreign = bundle.externals.filter((name) => !isBuiltin(name) && !NATIVE_MODULES.includes(name) && name !== 'pg-native');
    expect(foreign).toEqual([]);
    expect(bundle.externals).toContain('better-sqlite3');
  });

  it('reports the version of package.json', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = pipewright('--version');
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe(version);
  });

  it('runs a flow whose regular expressions an evaluation process started from the bundle evaluates', () => {
    const result = pipewright('run', join(ROOT, 'assets/examples/csv-normalise.flow.json'), '--input', join(ROOT, 'assets/examples/csv-normalise.input.json'), '--json');
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { status: string; outputs: { accepted: Array<{ customerNo: string; customerSince: string }> } };
    expect(report.status).toBe('succeeded');
    // customerSince is cut from "05-03-2024" by $match with a regular expression: left to jsonata, isolated.
    expect(report.outputs.accepted[0]).toMatchObject({ customerNo: '10023', customerSince: '2024-03-05' });
  });
});
