// The service: the contract's one implementation (DESIGN.md §1), on the engine and the workspace folder.
// `pipewright serve` and Electron's utility process both host it and reach it through `dispatch`.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Handlers } from '../../shared/api/contract.js';
import type { EventListener } from '../../shared/api/events.js';
import type { LogLevel } from '../../shared/runs.js';
import { PipewrightError } from '../../shared/errors.js';
import type { CredentialVault } from '../credentials/types.js';
import { Engine as StoreEngine, type EngineStore } from '../engine/index.js';
import { Redaction } from '../engine/redaction.js';
import { SqliteStore } from '../engine/store/sqlite/sqlite-store.js';
import type { Engine } from '../engine/types.js';
import { createBundleHandlers } from './bundle-handlers.js';
import { lazyCredentialAccess } from './credential-access.js';
import { createCredentialHandlers } from './credential-handlers.js';
import { createDeadLetterHandlers } from './dead-letter-handlers.js';
import { createDeployHandlers } from './deploy-handlers.js';
import { DeadLetterPages } from './dead-letter-pages.js';
import { createDeadLetterSignals, reportingLiveProgress } from './dead-letter-signals.js';
import { createFlowHandlers } from './flow-handlers.js';
import { createFlowTestHandlers } from './flow-test-handlers.js';
import { createMappingHandlers } from './mapping-handlers.js';
import { createRunHandlers } from './run-handlers.js';
import { RunHistory } from './run-history.js';
import { RunTracker } from './run-tracker.js';
import { LiveFlows, type LiveFlowsOptions, type LiveSourceFactory } from './live-flows.js';
import { createLiveFlowHandlers } from './live-flow-handlers.js';
import { createWorkspaceHandlers } from './workspace-handlers.js';

export interface ServiceOptions {
  /** The workspace folder: flows in `flows/`, state in `.pipewright/`. Must exist. */
  workspace: string;
  /**
   * An engine opened by the host. By default the service opens one on the workspace (and closes it in
   * `close`), with run log lines sent as `log` events; a given engine's logs are the host's to relay.
   */
  engine?: Engine;
  /**
   * The store the service opens its engine on (and closes with it), instead of the workspace's SQLite
   * file: `pipewright serve` passes the SQLite store wrapped to count steps for /metrics. Ignored with `engine`.
   */
  store?: EngineStore;
  /** Receives every event; a transport fans them out to its clients. */
  onEvent?: EventListener;
  /**
   * The workspace's credentials. By default `openCredentialVault(workspace)` picks the secret store
   * from the environment (keychain on a desktop, encrypted file or environment on a server); tests
   * pass a vault opened with their own environment.
   */
  credentials?: CredentialVault;
  /**
   * Trigger sources by type, for a host that runs flows live (`pipewright serve`: trigger.webhook).
   * The workspace's flows with such a trigger go live on `startLiveFlows` and follow every save.
   */
  liveSources?: Record<string, LiveSourceFactory>;
  /** Lines about live flows (activated, redeployed, stopped). */
  onLiveLog?: LiveFlowsOptions['log'];
}

/** The contract's handlers plus the lifecycle, which is not part of the contract (dispatch refuses `close`). */
export type Service = Handlers & {
  /** Activates the workspace's live flows (with `liveSources`; nothing without them). */
  startLiveFlows(): Promise<void>;
  /** Stops live flows and the runs this service drives (they stay resumable) and closes the engine it opened. */
  close(): Promise<void>;
};

export function createService(options: ServiceOptions): Service {
  const workspace = resolve(options.workspace);
  if (!existsSync(workspace) || !statSync(workspace).isDirectory()) {
    throw new PipewrightError('WORKSPACE_NOT_FOUND', `workspace folder not found: ${options.workspace}`);
  }
  // Every event goes through the dead-letter signals, which add `dlq.changed` when a run's dead count grows.
  const signals = createDeadLetterSignals(options.onEvent ?? (() => undefined));
  const emit: EventListener = signals.emit;
  // Loaded on first use: a service whose flows name no credential never loads a secret store.
  const credentials = lazyCredentialAccess(async () => options.credentials ?? (await import('../credentials/open-vault.js')).openCredentialVault(workspace));
  const engineOptions = {
    workspace,
    credentials: credentials.engineProvider,
    onLog: ({ runId, nodeId, level, message }: { runId: string; nodeId?: string; level: LogLevel; message: string }) => emit({ type: 'log', runId, ...(nodeId === undefined ? {} : { nodeId }), level, message, at: new Date().toISOString() }),
  };
  // The Runs and Dead letters views read the store the engine runs on (./run-history.ts); a given engine brings none.
  const store = options.engine === undefined ? (options.store ?? new SqliteStore(workspace)) : undefined;
  const engine = options.engine ?? new StoreEngine(store ?? new SqliteStore(workspace), engineOptions);
  const ownsEngine = options.engine === undefined;
  const tracker = new RunTracker(engine, emit);
  const redaction = new Redaction(credentials.engineProvider.redactor);
  const live = options.liveSources === undefined
    ? undefined
    : new LiveFlows(workspace, reportingLiveProgress(engine, signals.progress), {
      sources: options.liveSources,
      // A webhook's authentication reads its credential from the same vault the engine uses.
      credential: async (name) => (await credentials.vault()).resolve(name),
      ...(options.onLiveLog ? { log: options.onLiveLog } : {}),
    });
  const handlers: Handlers = {
    ...createWorkspaceHandlers(workspace),
    ...createFlowHandlers(workspace),
    ...createFlowTestHandlers(workspace, engine, tracker),
    ...createMappingHandlers(),
    ...createRunHandlers(workspace, engine, tracker, store && new RunHistory(store)),
    ...createDeadLetterHandlers(workspace, engine, tracker, store && { pages: new DeadLetterPages(store), redact: (json) => redaction.json(json) }, signals),
    ...createCredentialHandlers(credentials),
    ...createBundleHandlers(workspace, credentials, engine),
    ...createLiveFlowHandlers(workspace, engine, live),
    ...createDeployHandlers(workspace),
  };
  let closed = false;
  return {
    ...handlers,
    ...(live ? followingFlowChanges(handlers, live) : {}),
    startLiveFlows: async () => live?.start(),
    async close() {
      if (closed) return;
      closed = true;
      await live?.close();
      await tracker.close();
      if (ownsEngine) await engine.close();
    },
  };
}

/** Flow handlers whose changes to flow files a live activation follows (save, create, rename, copy, delete, import: deploy). */
function followingFlowChanges(handlers: Handlers, live: LiveFlows): Pick<Handlers, 'flows.save' | 'flows.create' | 'flows.rename' | 'flows.duplicate' | 'flows.delete' | 'bundles.import'> {
  const refreshed = async <T>(result: Promise<T>, ids: Array<string | undefined>): Promise<T> => {
    const value = await result;
    await Promise.all(ids.filter((id): id is string => id !== undefined).map((id) => live.refresh(id)));
    return value;
  };
  return {
    'flows.save': (params) => refreshed(handlers['flows.save'](params), [params.document.id]),
    'flows.create': (params) => refreshed(handlers['flows.create'](params), [params.id]),
    'flows.rename': (params) => refreshed(handlers['flows.rename'](params), [params.id, params.newId]),
    'flows.duplicate': (params) => refreshed(handlers['flows.duplicate'](params), [params.newId]),
    'flows.delete': (params) => refreshed(handlers['flows.delete'](params), [params.id]),
    // A deploy answers once its flows are live: the caller may send them webhooks right away.
    'bundles.import': async (params) => {
      const result = await handlers['bundles.import'](params);
      return refreshed(Promise.resolve(result), result.flows);
    },
  };
}
