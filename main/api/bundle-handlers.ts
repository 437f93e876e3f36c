// bundles.* — export saved flows with the definitions of the credentials they name, and import a bundle
// into the workspace. The logic lives in ./bundles.ts, shared with `pipewright export/import`.
import type { BundleHandlers } from '../../shared/api/bundles.js';
import { buildBundle, importBundle, readWorkspaceFlow } from './bundles.js';
import type { CredentialAccess } from './credential-access.js';

export function createBundleHandlers(workspace: string, credentials: CredentialAccess): BundleHandlers {
  return {
    'bundles.export': async ({ flowIds }) => {
      const flows = [...new Set(flowIds)].map((id) => readWorkspaceFlow(workspace, id));
      return buildBundle(flows, await credentials.vault());
    },
    'bundles.import': async ({ bundle, overwrite }) => importBundle(workspace, bundle, await credentials.vault(), { overwrite: overwrite === true }),
  };
}
