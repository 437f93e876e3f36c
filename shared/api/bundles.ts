// Bundle calls: export flows (with the definitions of the credentials they name) and import a bundle
// into the workspace. The desktop app's menu and the web designer use these; the CLI uses main/ directly.
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
  'bundles.import': method(importBundleParams, 'Writes a bundle\'s flows and missing credential definitions into the workspace.'),
} as const;

export interface ImportResult {
  /** Flow ids written. */
  flows: string[];
  /** Credential definitions added to the workspace (existing ones are kept as they are). */
  credentialsAdded: string[];
  /** Credentials the flows name that have no secret stored yet: set them before running. */
  credentialsWithoutSecret: string[];
}

export interface BundleHandlers {
  'bundles.export': (params: z.infer<typeof exportBundleParams>) => Promise<FlowBundle>;
  'bundles.import': (params: z.infer<typeof importBundleParams>) => Promise<ImportResult>;
}
