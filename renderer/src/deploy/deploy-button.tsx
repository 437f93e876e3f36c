// The header's Deploy to server… button and the dialog it opens (./deploy-dialog.tsx). It needs the
// service, so the header shows it only with a connection (not in offline design).
import { useState } from 'react';
import { useFlowSnapshot } from '../canvas/use-flow-store.js';
import type { ApiClient } from '../api/client.js';
import { DeployDialog } from './deploy-dialog.js';

export function DeployButton({ client }: { client: ApiClient }) {
  const [open, setOpen] = useState(false);
  const { doc, dirty } = useFlowSnapshot();
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)} title="Deploy flows of this workspace to a running `pipewright serve`">Deploy to server…</button>
      {open && <DeployDialog client={client} openFlowId={doc.id} unsaved={dirty} onClose={() => setOpen(false)} />}
    </>
  );
}
