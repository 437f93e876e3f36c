// Where the desktop app's files are, relative to the bundles in dist/electron/ (scripts/bundle.ts):
// `<root>/dist/electron/main.cjs` in development, `<resources>/app.asar/dist/electron/main.cjs` when
// packaged; the built designer is `<root>/renderer/dist` in both.
import { join, resolve } from 'node:path';

export interface AppPaths {
  root: string;
  rendererDir: string;
  preload: string;
  serviceHost: string;
  icon: string;
  /** The example flows a first start seeds the default workspace with. */
  examples: string;
}

export const BUNDLE_DIR = 'dist/electron';
// evaluationProcess: the JSONata evaluation process the engine forks (main/engine/mapping/process-entry.ts
// finds it beside the service host).
export const BUNDLE_FILES = { main: 'main.cjs', preload: 'preload.cjs', serviceHost: 'service-host.cjs', evaluationProcess: 'evaluation-process.cjs' } as const;

export function appPaths(bundleDir: string): AppPaths {
  const root = resolve(bundleDir, '..', '..');
  return {
    root,
    rendererDir: join(root, 'renderer', 'dist'),
    preload: join(bundleDir, BUNDLE_FILES.preload),
    serviceHost: join(bundleDir, BUNDLE_FILES.serviceHost),
    icon: join(root, 'assets', 'icons', '512x512.png'),
    examples: join(root, 'assets', 'examples'),
  };
}
