// Flow bundles (DESIGN.md §7): flows plus the credentials they name (name, type and non-secret fields,
// never a secret), moved between a desktop workspace and a server by `pipewright export/import` and the
// app's menu.
import { z } from 'zod';
import { credentialDefinitionSchema } from './credentials/definition.js';

export const BUNDLE_FORMAT = 'pipewright.bundle';
export const BUNDLE_VERSION = 1;

export const flowBundleSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT, { message: `not a Pipewright bundle (format must be "${BUNDLE_FORMAT}")` }),
  version: z.literal(BUNDLE_VERSION, { message: `unsupported bundle version (this Pipewright reads version ${BUNDLE_VERSION})` }),
  exportedAt: z.string(),
  pipewrightVersion: z.string(),
  /** Flow documents; each is validated with shared/flow on import. */
  flows: z.array(z.record(z.string(), z.unknown())).min(1, { message: 'a bundle holds at least one flow' }),
  credentials: z.array(credentialDefinitionSchema),
});

export type FlowBundle = z.infer<typeof flowBundleSchema>;
