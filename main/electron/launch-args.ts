// Which workspace folder a launch names: `pipewright-app ~/work/shop` (installed), `electron .
// ~/work/shop` (development) or the argv a second instance hands over.
import { resolve } from 'node:path';

export interface LaunchArgs {
  argv: readonly string[];
  /** Electron's `process.defaultApp`: true when started as `electron <script>` (argv[1] is the script). */
  defaultApp: boolean;
  /** Relative folders are taken from here (the second instance's working directory, for one). */
  cwd: string;
}

/** The first argument that is not a switch, as an absolute path; undefined when none is given. */
export function workspaceFromArgs({ argv, defaultApp, cwd }: LaunchArgs): string | undefined {
  const args = argv.slice(defaultApp ? 2 : 1);
  // Chromium and Electron switches (`--inspect`, `--enable-logging`, `-psn_0_…` from old macOS Finder).
  const folder = args.find((arg) => arg !== '' && !arg.startsWith('-'));
  return folder === undefined ? undefined : resolve(cwd, folder);
}
