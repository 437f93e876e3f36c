// Builds the three Electron bundles with the real esbuild script and runs the utility-process bundle in
// plain Node with a stand-in for Electron's `process.parentPort`: what `npm start` and the installers
// ship, minus Electron itself (not downloadable here).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin as isNodeBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILES } from '../../../main/electron/app-paths.js';
import { NATIVE_MODULES } from '../../../main/build/native-modules.js';
import { bundleElectron, requiredModules, type ElectronBundles } from '../../../main/electron/scripts/bundle.js';

const ROOT = resolve(import.meta.dirname, '../../..');
// Inside the checkout, so the bundles find node_modules and package.json as they do in dist/electron.
const outDir = join(ROOT, 'dist', `electron-test-${process.pid}`);
const workspace = mkdtempSync(join(tmpdir(), 'pw-bundle-ws-'));

let bundles: ElectronBundles;
beforeAll(async () => {
  bundles = await bundleElectron(outDir);
}, 120_000);

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  rmSync(workspace, { recursive: true, force: true });
});

/** `node:` names (also those newer than this Node, e.g. node:sqlite for Electron's Node 22) and bare ones like `fs`. */
const isBuiltin = (name: string): boolean => name.startsWith('node:') || isNodeBuiltin(name);

describe('the Electron bundles', () => {
  it('give the sandboxed preload nothing to require but electron', () => {
    expect(requiredModules(readFileSync(join(outDir, BUNDLE_FILES.preload), 'utf8'))).toEqual(['electron']);
  });

  it('leave only electron, Node built-ins and native modules outside main, the service host and the evaluation process', () => {
    for (const file of [BUNDLE_FILES.main, BUNDLE_FILES.serviceHost, BUNDLE_FILES.evaluationProcess]) {
      const foreign = (bundles.externals[file] ?? []).filter((name) => !isBuiltin(name) && name !== 'electron' && !NATIVE_MODULES.includes(name));
      expect(foreign, file).toEqual([]);
    }
    // The list is esbuild's own record of the bundle's imports: the native engine store is among them.
    expect(bundles.externals[BUNDLE_FILES.serviceHost]).toContain('better-sqlite3');
  });

  it('run the service host as a utility process would, answering over parentPort', () => {
    const driver = `
      const { EventEmitter } = require('node:events');
      const port = new EventEmitter();
      const seen = [];
      port.postMessage = (message) => {
        seen.push(message);
        if (message.type === 'ready') port.emit('message', { data: { type: 'call', id: 1, method: 'workspace.info', params: {} } });
        // A mapping is evaluated in an evaluation process the engine forks from its own bundle.
        if (message.type === 'result' && message.id === 1) port.emit('message', { data: { type: 'call', id: 2, method: 'mapping.evaluate', params: { expression: '$sum(items.price)', input: { items: [{ price: 2 }, { price: 3 }] } } } });
        if (message.type === 'result' && message.id === 2) port.emit('message', { data: { type: 'stop' } });
        if (message.type === 'stopped') { process.stdout.write(JSON.stringify(seen)); process.exit(0); }
      };
      process.parentPort = port;
      require(process.argv[1]);
      port.emit('message', { data: { type: 'start', workspace: process.argv[2] } });`;
    const run = spawnSync(process.execPath, ['-e', driver, join(outDir, BUNDLE_FILES.serviceHost), workspace], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    const messages = JSON.parse(run.stdout) as Array<{ type: string; response?: { ok: boolean; result?: { path?: string; version?: string } } }>;
    expect(messages.map((message) => message.type)).toEqual(['ready', 'result', 'result', 'stopped']);
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    // The version comes from package.json found through the import.meta.url shim.
    expect(messages[1]?.response).toEqual({ ok: true, result: expect.objectContaining({ path: workspace, version }) });
    expect(messages[2]?.response).toMatchObject({ ok: true, result: { ok: true, result: 5 } });
  }, 60_000);
});
