// The Flows overview: every live flow's health at a glance — messages per minute, error rate, queue
// depth and the oldest waiting message's age as small live uPlot charts — read every two seconds from
// `runs.health` while the view is open; and the workspace's tools: export and import flow bundles,
// retention (the workspace default and per-flow overrides).
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { foldHealth, type FlowSeries } from './health-samples.js';
import { HealthChart } from './health-chart.js';
import { shortId } from './format.js';
import { ExportBundleDialog, ImportBundleDialog } from './bundle-dialogs.js';
import { RetentionDialog } from './retention-dialog.js';
import { describeRetention } from './retention-model.js';
import { useFlowIds } from './use-flow-ids.js';

const POLL_MS = 2000;

export function FlowsOverview({ client, onOpenRun }: { client: ApiClient; onOpenRun: (runId: string) => void }) {
  const [series, setSeries] = useState<ReadonlyMap<string, FlowSeries>>(new Map());
  const [error, setError] = useState<string>();
  const [loaded, setLoaded] = useState(false);
  const [dialog, setDialog] = useState<'export' | 'import' | 'retention'>();
  const [flowListVersion, setFlowListVersion] = useState(0);
  const flowIds = useFlowIds(client, flowListVersion);
  const [retentionVersion, setRetentionVersion] = useState(0);
  const [retentionDefault, setRetentionDefault] = useState<string>();
  useEffect(() => {
    let live = true;
    client.send('runs.retentionDefault', {}).then((answer) => live && setRetentionDefault(describeRetention(answer.retention)),
      (failure: unknown) => live && setRetentionDefault(`cannot be read (${failure instanceof Error ? failure.message : String(failure)})`));
    return () => {
      live = false;
    };
  }, [client, retentionVersion]);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = (): void => {
      client.send('runs.health', {}).then((snapshot) => {
        if (!live) return;
        setSeries((previous) => foldHealth(previous, snapshot));
        setError(undefined);
        setLoaded(true);
      }, (failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)))
        .finally(() => {
          if (live) timer = setTimeout(read, POLL_MS);
        });
    };
    read();
    return () => {
      live = false;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [client]);
  const flows = [...series.values()];
  return (
    <section className="ops-overview" aria-label="Flows overview">
      <div className="ops-actions" role="toolbar" aria-label="Workspace">
        <button type="button" className="button" onClick={() => setDialog('export')} disabled={flowIds.length === 0}>Export flows…</button>
        <button type="button" className="button" onClick={() => setDialog('import')}>Import bundle…</button>
        <button type="button" className="button" onClick={() => setDialog('retention')}>Retention…</button>
        {retentionDefault !== undefined && <span className="ops-muted">Retention: workspace default {retentionDefault}</span>}
      </div>
      {dialog === 'export' && <ExportBundleDialog client={client} flowIds={flowIds} onClose={() => setDialog(undefined)} />}
      {dialog === 'import' && <ImportBundleDialog client={client} onClose={() => setDialog(undefined)} onImported={() => setFlowListVersion((version) => version + 1)} />}
      {dialog === 'retention' && <RetentionDialog client={client} flowIds={flowIds} onClose={() => setDialog(undefined)} onDefaultChanged={() => setRetentionVersion((version) => version + 1)} />}
      {error && <p className="ops-error" role="alert">Could not read the flows&apos; health: {error}</p>}
      {loaded && flows.length === 0 && <p className="ops-muted" role="status">No flow is live. Flows with a webhook, schedule or file trigger run live on `pipewright serve`.</p>}
      {flows.map((flow) => (
        <article key={flow.flowId} className="ops-flow-card" aria-label={`Flow ${flow.flowId}`}>
          <header className="ops-flow-card-header">
            <h2 className="ops-detail-title">{flow.flowId} <span className="ops-muted">version {flow.flowVersion}</span></h2>
            <button type="button" className="ops-link" onClick={() => onOpenRun(flow.runId)} aria-label={`Open live run ${flow.runId}`}>live run {shortId(flow.runId)}</button>
          </header>
          <div className="ops-charts">
            <HealthChart label="Messages per minute" unit="/min" times={flow.times} values={flow.perMinute} />
            <HealthChart label="Error rate" unit="%" times={flow.times} values={flow.errorRate} />
            <HealthChart label="Queue depth" unit="waiting" times={flow.times} values={flow.queueDepth} />
            <HealthChart label="Oldest message age" unit="s" times={flow.times} values={flow.oldestAge} />
          </div>
        </article>
      ))}
    </section>
  );
}
