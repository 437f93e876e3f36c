// Workspace and catalog calls: what the designer asks once at start (where am I, which node kinds exist).
import type { NodeCategory } from '../catalog/index.js';
import { method, noParams } from './common.js';
import type { z } from 'zod';

export const workspaceMethods = {
  'workspace.info': method(noParams, 'The open workspace: its folder, flow count and the Pipewright version.'),
  'catalog.list': method(noParams, 'Every node kind with its title, docs, ports, default config and config schema.'),
} as const;

export interface WorkspaceInfo {
  /** Absolute path of the workspace folder. */
  path: string;
  /** The folder's name, for the title bar. */
  name: string;
  /** Absolute path of `<workspace>/flows`. */
  flowsFolder: string;
  flowCount: number;
  version: string;
}

/** A JSONata field of a kind's default config, for the mapping editor. */
export interface CatalogJsonataField {
  path: Array<string | number>;
  kind: 'expression' | 'template';
}

export interface CatalogKind {
  type: string;
  /** Palette name, e.g. "Map"; also the palette button's accessible name. */
  title: string;
  category: NodeCategory;
  description: string;
  isTrigger: boolean;
  /** A config that is valid for a freshly added node. */
  defaultConfig: Record<string, unknown>;
  /** Output ports for the default config (the implicit `error` port not listed). */
  ports: string[];
  jsonataFields: CatalogJsonataField[];
  /** JSON Schema of the config (draft 2020-12, from zod), for the inspector's generated form. */
  configSchema: Record<string, unknown>;
}

export interface Catalog {
  kinds: CatalogKind[];
}

type NoParams = z.infer<typeof noParams>;

export interface WorkspaceHandlers {
  'workspace.info': (params: NoParams) => Promise<WorkspaceInfo>;
  'catalog.list': (params: NoParams) => Promise<Catalog>;
}
