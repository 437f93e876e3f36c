// Flow bundles from the web designer (bundles.export / bundles.import, the calls the desktop menu and
// `pipewright deploy` use): export the chosen flows as a JSON file the browser downloads, import a
// bundle file — all flows or none, existing ones only replaced when asked.
import { useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { OpsDialog } from './ops-dialog.js';
import { plural } from './format.js';

export function ExportBundleDialog({ client, flowIds, onClose }: { client: ApiClient; flowIds: string[]; onClose: () => void }) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set(flowIds));
  const [error, setError] = useState<string>();
  const toggle = (id: string) => setChosen((previous) => {
    const next = new Set(previous);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const exportChosen = async () => {
    try {
      const bundle = await client.send('bundles.export', { flowIds: flowIds.filter((id) => chosen.has(id)) });
      const url = URL.createObjectURL(new Blob([`${JSON.stringify(bundle, null, 2)}\n`], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = chosen.size === 1 ? `${[...chosen][0] ?? 'flow'}.bundle.json` : 'pipewright-flows.bundle.json';
      link.click();
      URL.revokeObjectURL(url);
      onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <OpsDialog title="Export flows" onClose={onClose}>
      <p className="flow-dialog-message">A bundle holds the flows and the names and types of the credentials they use — never a secret.</p>
      <fieldset className="ops-choices">
        <legend>Flows</legend>
        {flowIds.map((id) => (
          <label key={id}><input type="checkbox" checked={chosen.has(id)} onChange={() => toggle(id)} /> {id}</label>
        ))}
      </fieldset>
      {error && <p className="ops-error" role="alert">{error}</p>}
      <div className="flow-dialog-actions">
        <button type="button" className="button" onClick={onClose}>Cancel</button>
        <button type="button" className="button primary" disabled={chosen.size === 0} onClick={() => void exportChosen()}>Export {plural(chosen.size, 'flow')}</button>
      </div>
    </OpsDialog>
  );
}

export function ImportBundleDialog({ client, onClose, onImported }: { client: ApiClient; onClose: () => void; onImported: () => void }) {
  const [file, setFile] = useState<File>();
  const [overwrite, setOverwrite] = useState(false);
  const [result, setResult] = useState<{ text: string; error?: boolean }>();
  const importFile = async () => {
    if (!file) return;
    let bundle: unknown;
    try {
      bundle = JSON.parse(await file.text());
    } catch (failure) {
      setResult({ text: `${file.name} is not JSON: ${failure instanceof Error ? failure.message : String(failure)}`, error: true });
      return;
    }
    try {
      const imported = await client.send('bundles.import', { bundle, overwrite });
      const missing = imported.credentialsWithoutSecret.length > 0 ? ` Set the secrets of ${imported.credentialsWithoutSecret.join(', ')} before running.` : '';
      setResult({ text: `Imported ${imported.flows.join(', ')}.${missing}` });
      onImported();
    } catch (failure) {
      setResult({ text: failure instanceof Error ? failure.message : String(failure), error: true });
    }
  };
  return (
    <OpsDialog title="Import a bundle" onClose={onClose}>
      <p className="flow-dialog-message">All of the bundle&apos;s flows are written, or none (every problem is listed).</p>
      <label className="ops-field">
        <span>Bundle file</span>
        <input type="file" accept=".json,application/json" onChange={(event) => setFile(event.target.files?.[0])} />
      </label>
      <label><input type="checkbox" checked={overwrite} onChange={(event) => setOverwrite(event.target.checked)} /> Replace flows that already exist</label>
      {result && <p className={result.error ? 'ops-error' : 'ops-ok'} role={result.error ? 'alert' : 'status'}>{result.text}</p>}
      <div className="flow-dialog-actions">
        <button type="button" className="button" onClick={onClose}>Close</button>
        <button type="button" className="button primary" disabled={!file} onClick={() => void importFile()}>Import</button>
      </div>
    </OpsDialog>
  );
}
