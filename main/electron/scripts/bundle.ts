// `npm run build:electron`: bundles the Electron main process, the preload and the service's utility
// process into dist/electron/ with esbuild. All three are CommonJS: the sandboxed preload must be one
// CommonJS file, and main and the utility process share that format for simplicity. Only native
// modules (and electron itself) stay outside the bundles; electron-builder ships and rebuilds them.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { NATIVE_MODULES } from '../../build/native-modules.js';
import { BUNDLE_DIR, BUNDLE_FILES } from '../app-paths.js';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

export interface ElectronBundles {
  files: string[];
  /**
   * What each Node bundle (main, service host) loads from outside itself, as esbuild resolved it: the
   * real require calls, not text that merely looks like one (ajv keeps `require("…")` inside code it
   * generates for standalone use).
   */
  externals: Record<string, string[]>;
}

export async function bundleElectron(outDir: string = join(ROOT, BUNDLE_DIR)): Promise<ElectronBundles> {
  const node: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: true,
    external: ['electron', ...NATIVE_MODULES],
    alias: { 'pg-native': './main/electron/scripts/absent-pg-native.cjs' },
    metafile: true,
    // main/api and main/server find package.json from import.meta.url, which CommonJS lacks.
    define: { 'import.meta.url': '__pipewrightModuleUrl' },
    banner: { js: "const __pipewrightModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'warning',
  };
  const outputs = [
    { entry: 'main/electron/index.ts', out: BUNDLE_FILES.main, options: node },
    { entry: 'main/electron/service-host.ts', out: BUNDLE_FILES.serviceHost, options: node },
    { entry: 'main/engine/mapping/evaluation-process.ts', out: BUNDLE_FILES.evaluationProcess, options: node },
    // The sandboxed preload may require only electron's renderer modules (and a few polyfills). It
    // carries the contract's schemas (for `isMethod`), so it is minified: it runs on every page load.
    { entry: 'main/electron/preload.ts', out: BUNDLE_FILES.preload, options: { bundle: true, platform: 'browser', format: 'cjs', target: 'chrome130', external: ['electron'], minify: true, sourcemap: true, logLevel: 'warning' } satisfies BuildOptions },
  ];
  const externals: Record<string, string[]> = {};
  for (const { entry, out, options } of outputs) {
    const result = await build({ ...options, entryPoints: [join(ROOT, entry)], outfile: join(outDir, out), absWorkingDir: ROOT });
    const imports = Object.values(result.metafile?.outputs ?? {}).flatMap((output) => output.imports.filter((imported) => imported.external).map((imported) => imported.path));
    externals[out] = [...new Set(imports)];
  }
  const foreign = requiredModules(readFileSync(join(outDir, BUNDLE_FILES.preload), 'utf8')).filter((name) => name !== 'electron');
  if (foreign.length > 0) throw new Error(`the preload bundle requires ${foreign.join(', ')}: a sandboxed preload can only require electron`);
  return { files: outputs.map((output) => join(outDir, output.out)), externals };
}

/** The module names a CommonJS bundle `require`s. */
export function requiredModules(code: string): string[] {
  return [...new Set([...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((match) => match[1] as string))];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  bundleElectron().catch((error: unknown) => {
    process.stderr.write(`pipewright: bundling the desktop app failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
