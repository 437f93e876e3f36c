// `npm run build`: the installed `pipewright` command (package.json bin) as esbuild bundles in
// dist/main/cli/ — bin.js, the evaluation process it forks (evaluation-process.js, found beside it by
// main/engine/mapping/process-entry.ts) and the chunks they share. Node's module loader resolving,
// reading and compiling several hundred files was most of the command's start-up (docs/benchmarks.md):
// a one-message run took 0.32 s as tsc's output and takes 0.19 s bundled. Dynamic imports stay chunks
// of their own (splitting), so what a command loads only when needed (undici with the first HTTP
// request) is still loaded only then. Native addons stay in node_modules.
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { NATIVE_MODULES } from '../../build/native-modules.js';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** Where the command lands, relative to the repository: package.json's bin names `<this>/bin.js`. */
export const CLI_BUNDLE_DIR = 'dist/main/cli';

export interface CliBundle {
  /** The command's entry (bin.js). */
  bin: string;
  /** Module names the bundle leaves to Node at run time (built-ins, native addons), as esbuild resolved them. */
  externals: string[];
}

/**
 * Bundles into `outDir` (which is emptied first). The default is the repository's dist/main/cli; the
 * bundle finds package.json and renderer/dist by walking up from its own folder, so any other folder
 * must also sit inside the checkout.
 */
export async function bundleCli(outDir: string = join(ROOT, CLI_BUNDLE_DIR)): Promise<CliBundle> {
  rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { bin: join(ROOT, 'main/cli/bin.ts'), 'evaluation-process': join(ROOT, 'main/engine/mapping/evaluation-process.ts') },
    outdir: outDir,
    // Chunks beside the entries: code that finds a file relative to itself (process-entry.ts, the static
    // files, package.json) then finds it from any chunk.
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    sourcemap: true,
    // pg-native: an optional addon pg requires only when asked for its native client, which Pipewright never is.
    external: [...NATIVE_MODULES, 'pg-native'],
    // Bundled CommonJS dependencies call require() for Node's built-ins and the native addons: ES modules
    // have none, so each file gets one made for its own location.
    banner: { js: "import { createRequire as __pipewrightCreateRequire } from 'node:module'; const require = __pipewrightCreateRequire(import.meta.url);" },
    metafile: true,
    absWorkingDir: ROOT,
    logLevel: 'warning',
  });
  const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((imported) => imported.external).map((imported) => imported.path));
  return { bin: join(outDir, 'bin.js'), externals: [...new Set(imports)] };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  // tsc's output of earlier versions lived in dist/main and dist/shared: gone, so no stale module is found.
  for (const old of ['dist/shared', 'dist/main']) rmSync(join(ROOT, old), { recursive: true, force: true });
  bundleCli().then(
    ({ bin }) => process.stdout.write(`built ${bin}\n`),
    (error: unknown) => {
      process.stderr.write(`pipewright: bundling the command failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
