// Which test run was the last of each flow, kept in the browser's storage (localStorage in the app) so
// that after a reload the open flow shows that run again. Only the run id is kept: the run itself is
// read back from the service, which is the truth about it.

/** The part of the Web Storage API this uses (declared here: the root typecheck has no DOM types). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface LastRuns {
  of(flowId: string): string | undefined;
  remember(flowId: string, runId: string): void;
  /** Forgets `runId` as the flow's last run; a later run remembered meanwhile stays. */
  forget(flowId: string, runId: string): void;
}

const KEY_PREFIX = 'pipewright.lastTestRun.';

/** Storage that is full, forbidden (private windows) or absent only loses the memory, never a run. */
export function createLastRuns(storage: KeyValueStorage | undefined): LastRuns {
  const attempt = <T>(work: () => T, otherwise: T): T => {
    try {
      return work();
    } catch {
      return otherwise;
    }
  };
  return {
    of: (flowId) => attempt(() => storage?.getItem(KEY_PREFIX + flowId) ?? undefined, undefined),
    remember: (flowId, runId) => attempt(() => storage?.setItem(KEY_PREFIX + flowId, runId), undefined),
    forget: (flowId, runId) =>
      attempt(() => {
        if (storage?.getItem(KEY_PREFIX + flowId) === runId) storage.removeItem(KEY_PREFIX + flowId);
      }, undefined),
  };
}
