// The open flow: which file it is (id and revision), loading it into the canvas store, saving it back
// with conflict detection, and the one status line that says what just happened. The flow to open is
// in the address (`#/flows/<id>`), so a reload opens the same flow.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FLOW_FORMAT, type FlowDocument } from '../../../shared/flow/schema.js';
import { PipewrightError } from '../../../shared/errors.js';
import type { ApiClient } from '../api/client.js';
import { createFlowStore, type FlowStore } from '../canvas/store.js';

export interface StatusMessage {
  kind: 'info' | 'error';
  text: string;
}

export interface FlowSession {
  store: FlowStore;
  status: StatusMessage | undefined;
  loading: boolean;
  save: () => Promise<void>;
}

export function emptyFlow(id = 'untitled', name = 'Untitled flow'): FlowDocument {
  return { format: FLOW_FORMAT, id, name, nodes: [], edges: [] };
}

export function flowIdFromHash(hash: string): string | undefined {
  const match = /^#\/flows\/([A-Za-z][A-Za-z0-9_-]*)$/.exec(hash);
  return match?.[1];
}

export function useFlowSession(client: ApiClient | undefined): FlowSession {
  const store = useMemo(() => createFlowStore(emptyFlow()), []);
  const revision = useRef<string | null>(null);
  const [status, setStatus] = useState<StatusMessage>();
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const id = flowIdFromHash(window.location.hash);
    if (!client || id === undefined) return;
    let cancelled = false;
    setLoading(true);
    client
      .send('flows.get', { id })
      .then((detail) => {
        if (cancelled) return;
        revision.current = detail.revision;
        if (detail.document) store.load(detail.document, detail.text);
        setStatus(detail.document ? { kind: 'info', text: `Opened ${detail.file}` } : { kind: 'error', text: `${detail.file} is not a readable flow: ${detail.problems[0]?.message ?? 'unknown problem'}` });
      })
      .catch((error: unknown) => !cancelled && setStatus({ kind: 'error', text: messageOf(error) }))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [client, store]);

  // Unsaved changes are never lost silently: the browser asks before the page goes away.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (store.getSnapshot().dirty) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [store]);

  const save = useCallback(async () => {
    if (!client) {
      setStatus({ kind: 'error', text: 'Not connected to a Pipewright server, so the flow cannot be saved.' });
      return;
    }
    const { doc } = store.getSnapshot();
    try {
      const saved = await client.send('flows.save', { document: doc, expectedRevision: revision.current });
      revision.current = saved.revision;
      store.markSaved(saved.text);
      window.history.replaceState(null, '', `#/flows/${saved.id}`);
      const problems = saved.problems.length;
      setStatus({ kind: 'info', text: problems === 0 ? `Saved ${saved.file}` : `Saved ${saved.file} with ${problems} problem${problems === 1 ? '' : 's'}; it cannot run until they are fixed` });
    } catch (error) {
      setStatus({ kind: 'error', text: messageOf(error) });
    }
  }, [client, store]);

  return { store, status, loading, save };
}

function messageOf(error: unknown): string {
  if (error instanceof PipewrightError && error.code === 'CONFLICT') return 'The flow file changed on disk since it was opened. Reload to see those changes (yours are kept until you do).';
  return error instanceof Error ? error.message : String(error);
}
