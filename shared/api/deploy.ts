// Deploying from the designer to another Pipewright server (DESIGN.md §8 "Deploy"): the servers this
// host remembers, adding one (its API token checked there, then kept in the OS keychain of the process
// that runs the service — the desktop app, or the `pipewright serve` the web designer talks to), and
// deploying chosen flows of this workspace there. The same code as `pipewright deploy` (main/api/deploy.ts):
// every flow checked here first, then one bundle the server writes all or nothing.
import { z } from 'zod';
import type { Problem } from '../errors.js';
import { idSchema, method, noParams } from './common.js';
import type { LiveFlowState } from './live-flows.js';

const serverUrl = z.string().min(1).max(2000);
export const addServerParams = z.strictObject({ url: serverUrl, token: z.string().min(1).max(1000) });
export const deployFlowsParams = z.strictObject({ server: serverUrl, flowIds: z.array(idSchema).min(1).max(1000) });
export const remoteFlowParams = z.strictObject({ server: serverUrl, flowId: idSchema });
export const remoteServerParams = z.strictObject({ server: serverUrl });

export const deployMethods = {
  'deploy.servers': method(noParams, 'The servers this host deploys to (their addresses; the tokens stay in the OS keychain).'),
  'deploy.addServer': method(addServerParams, 'Checks a server\'s API token there, keeps it in the OS keychain of this host and remembers the server; UNAUTHORIZED when the server refuses it.'),
  'deploy.flows': method(deployFlowsParams, 'Checks the flows here, then deploys them to the server as one bundle (all or nothing), answering each flow\'s outcome: new, updated, unchanged, refused with its problems, or not sent.'),
  'deploy.remoteFlows': method(remoteServerParams, 'The server\'s live flows (its flows.live), for the deploy dialog\'s pause and resume.'),
  'deploy.pause': method(remoteFlowParams, 'Pauses a flow on the server (its flows.pause).'),
  'deploy.resume': method(remoteFlowParams, 'Resumes a paused flow on the server (its flows.resume).'),
} as const;

export interface DeployServer {
  /** The server's normalised address (`http://127.0.0.1:4870`): what its token is stored under. */
  url: string;
}

export interface AddedServer extends DeployServer {
  /** The server's workspace name and Pipewright version, as it answered the token check. */
  workspace: string;
  version: string;
}

/** What became of one flow in a deploy. */
export type DeployFlowOutcome =
  | { id: string; change: 'new' | 'updated' | 'unchanged'; version: number }
  /** The flow is invalid (here or on the server): nothing of the deploy was written. */
  | { id: string; change: 'refused'; problems: Problem[] }
  /** Valid, but another flow of the same deploy was refused, and a deploy is all or nothing. */
  | { id: string; change: 'not-sent' };

export interface DeployReport {
  server: string;
  flows: DeployFlowOutcome[];
  credentialsAdded: string[];
  credentialsWithoutSecret: string[];
}

export interface DeployHandlers {
  'deploy.servers': (params: z.infer<typeof noParams>) => Promise<DeployServer[]>;
  'deploy.addServer': (params: z.infer<typeof addServerParams>) => Promise<AddedServer>;
  'deploy.flows': (params: z.infer<typeof deployFlowsParams>) => Promise<DeployReport>;
  'deploy.remoteFlows': (params: z.infer<typeof remoteServerParams>) => Promise<LiveFlowState[]>;
  'deploy.pause': (params: z.infer<typeof remoteFlowParams>) => Promise<LiveFlowState>;
  'deploy.resume': (params: z.infer<typeof remoteFlowParams>) => Promise<LiveFlowState>;
}
