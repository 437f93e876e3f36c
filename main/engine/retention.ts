// Retention (DESIGN.md §4): each flow's `settings.retention` (age, run count, stored bytes) prunes its
// oldest finished runs — their traces, outputs, emissions, logs and input records. A flow without its
// own uses the workspace's default (`retention` in <workspace>/settings.json, main/workspace/settings.ts),
// read at each prune so a change made in the designer applies from the next run on. Runs still running
// or interrupted are never pruned, and dead letters stay until someone discards them.
import type { FlowDocument, FlowSettings } from '../../shared/flow/schema.js';
import { readWorkspaceSettings } from '../workspace/settings.js';
import type { EngineStore } from './store/types.js';

type Retention = NonNullable<FlowSettings['retention']>;

const DAY_MS = 86_400_000;

export class RetentionPolicy {
  /** `workspace`: where settings.json holds the default for flows without a policy of their own. */
  constructor(private readonly store: EngineStore, private readonly workspace?: string) {}

  /** Applies every flow's policy; `onlyFlowId` limits it to one flow (after one of its runs). */
  async prune(onlyFlowId?: string): Promise<{ runsDeleted: number }> {
    let runsDeleted = 0;
    const fallback = this.workspaceDefault();
    for (const document of await this.store.flows.latestDocuments()) {
      const flow = JSON.parse(document) as FlowDocument;
      const retention = flow.settings?.retention ?? fallback;
      if (!retention || (onlyFlowId !== undefined && flow.id !== onlyFlowId)) continue;
      const doomed = selectDoomed(await this.store.runs.finished(flow.id), retention);
      if (doomed.length === 0) continue;
      await this.store.runs.delete(doomed);
      runsDeleted += doomed.length;
    }
    return { runsDeleted };
  }

  private workspaceDefault(): Retention | undefined {
    if (this.workspace === undefined) return undefined;
    try {
      return readWorkspaceSettings(this.workspace).retention;
    } catch {
      // A damaged settings.json must not fail the run that just finished: its error is shown where the
      // file is read for editing (the Flows overview's retention control) instead.
      return undefined;
    }
  }
}

function selectDoomed(finished: Array<{ id: string; startedAt: string; storedBytes: number }>, retention: Retention): string[] {
  const cutoff = retention.maxAgeDays === undefined ? undefined : Date.now() - retention.maxAgeDays * DAY_MS;
  const doomed: string[] = [];
  let kept = 0;
  let bytes = 0;
  for (const run of finished) {
    const tooOld = cutoff !== undefined && Date.parse(run.startedAt) < cutoff;
    const tooMany = retention.maxRuns !== undefined && kept >= retention.maxRuns;
    const tooBig = retention.maxBytes !== undefined && kept > 0 && bytes + run.storedBytes > retention.maxBytes;
    if (tooOld || tooMany || tooBig) {
      doomed.push(run.id);
      continue;
    }
    kept += 1;
    bytes += run.storedBytes;
  }
  return doomed;
}
