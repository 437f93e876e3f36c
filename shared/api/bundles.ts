// Bundle calls: export flows (with the definitions of the credentials they name) and import a bundle
// into the workspace. The desktop app's menu and the web designer use these; the CLI's export/import use
// main/ directly, and `pipewright deploy` sends its bundle to a server's bundles.import (with overwrite).
import { z } from 'zod';
import type { FlowBundle } from '../bundle.js';
import { idSchema, method } from './common.js';

export const exportBundleParams = z.strictObject({
  flowIds: z.array(idSchema).min(1, { message: 'choose at least one flow' }).max(1000),
});
export const importBundleParams = z.strictObject({
  /** The bundle as parsed JSON; validated by the service, which reports every problem. */
  bundle: z.unknown(),
  /** Replace flows that already exist with the same id (default: refuse with CONFLICT). */
  overwrite: z.boolean().optional(),
});

export const bundleMethods = {
  'bundles.export': method(exportBundleParams, 'A bundle of saved flows and the definitions (never secrets) of the credentials they name.'),
  'bundles.import': method(importBundleParams, 'Writes a bundle\'s flows (all or none) and missing credential definitions into the workspace; answers each flow\'s version. `pipewright deploy` sends its bundle here.'),
} as const;

export interface ImportResult {
  /** Flow ids written. */
  flows: string[];
  /** Credential definitions added to the workspace (existing ones are kept as they are). */
  credentialsAdded: string[];
  /** Credentials the flows name that have no secret stored yet: set them before running. */
  credentialsWithoutSecret: string[];
}

/**
 * How an imported flow stands in the engine's versions (DESIGN.md §4 "Flow versions"): `new` when the
 * workspace had no valid flow of that id, `unchanged` when the content is what the engine already had
 * (identical content keeps its version), `updated` when it got the next version.
 */
export interface ImportedFlowVersion {
  id: string;
  version: number;
  change: 'new' | 'updated' | 'unchanged';
}

/** What `bundles.import` answers: the import, plus each flow's version (what `pipewright deploy` prints). */
export interface ImportedBundle extends ImportResult {
  /** In the order of `flows`. */
  versions: ImportedFlowVersion[];
}

export interface BundleHandlers {
  'bundles.export': (params: z.infer<typeof exportBundleParams>) => Promise<FlowBundle>;
  'bundles.import': (params: z.infer<typeof importBundleParams>) => Promise<ImportedBundle>;
}
