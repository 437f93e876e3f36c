// Retention (DESIGN.md §4): each flow's `settings.retention` (age, run count, stored bytes) prunes its
// oldest finished runs — their traces, outputs, emissions, logs and input records. Runs still running
// or interrupted are never pruned, and dead letters stay until someone discards them.
import type { FlowDocument, FlowSettings } from '../../shared/flow/schema.js';
import type { StateDatabase } from './store/database.js';

type Retention = NonNullable<FlowSettings['retention']>;

const DAY_MS = 86_400_000;

export class RetentionPolicy {
  private readonly latestFlows;
  private readonly finishedRuns;
  private readonly deletes;

  constructor(private readonly db: StateDatabase) {
    this.latestFlows = db.prepare<[], { document: string }>(
      'SELECT f.document FROM flows f JOIN (SELECT flow_id, max(version) AS version FROM flows GROUP BY flow_id) l ON f.flow_id = l.flow_id AND f.version = l.version',
    );
    this.finishedRuns = db.prepare<[string], { id: string; started_at: string; stored_bytes: number }>(
      `SELECT id, started_at, stored_bytes FROM runs WHERE flow_id = ? AND status IN ('succeeded', 'failed') ORDER BY started_at DESC, rowid DESC`,
    );
    this.deletes = ['steps', 'run_outputs', 'emissions', 'logs', 'run_inputs', 'messages'].map((table) => db.prepare<[string]>(`DELETE FROM ${table} WHERE run_id = ?`));
    this.deletes.push(db.prepare<[string]>('DELETE FROM dead_letters WHERE run_id = ? AND discarded_at IS NOT NULL'));
    this.deletes.push(db.prepare<[string]>('DELETE FROM runs WHERE id = ?'));
  }

  /** Applies every flow's policy; `onlyFlowId` limits it to one flow (after one of its runs). */
  prune(onlyFlowId?: string): { runsDeleted: number } {
    let runsDeleted = 0;
    for (const { document } of this.latestFlows.all()) {
      const flow = JSON.parse(document) as FlowDocument;
      const retention = flow.settings?.retention;
      if (!retention || (onlyFlowId !== undefined && flow.id !== onlyFlowId)) continue;
      const doomed = this.selectDoomed(flow.id, retention);
      if (doomed.length === 0) continue;
      this.db.transaction(() => {
        for (const runId of doomed) for (const statement of this.deletes) statement.run(runId);
      })();
      runsDeleted += doomed.length;
    }
    return { runsDeleted };
  }

  private selectDoomed(flowId: string, retention: Retention): string[] {
    const cutoff = retention.maxAgeDays === undefined ? undefined : Date.now() - retention.maxAgeDays * DAY_MS;
    const doomed: string[] = [];
    let kept = 0;
    let bytes = 0;
    for (const run of this.finishedRuns.all(flowId)) {
      const tooOld = cutoff !== undefined && Date.parse(run.started_at) < cutoff;
      const tooMany = retention.maxRuns !== undefined && kept >= retention.maxRuns;
      const tooBig = retention.maxBytes !== undefined && kept > 0 && bytes + run.stored_bytes > retention.maxBytes;
      if (tooOld || tooMany || tooBig) {
        doomed.push(run.id);
        continue;
      }
      kept += 1;
      bytes += run.stored_bytes;
    }
    return doomed;
  }
}
