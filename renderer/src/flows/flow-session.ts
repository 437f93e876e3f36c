// The open flow and the workspace's flows list, as plain TypeScript: which file is open (id and
// revision), opening, saving with the revision (CONFLICT → the user chooses reload or overwrite),
// create, rename, duplicate and delete, and the one status line that says what just happened.
// Unsaved changes are never dropped silently: anything that replaces the document asks first.
// Questions to the user (confirm, conflict) and the address bar come in as plain functions, so the
// whole model runs in unit tests with the in-memory client.
import type { FlowListItem } from '../../../shared/api/index.js';
import { PipewrightError } from '../../../shared/errors.js';
import { FLOW_FORMAT, type FlowDocument } from '../../../shared/flow/schema.js';
import type { ApiClient } from '../api/client.js';
import type { FlowStore } from '../canvas/store.js';

export interface StatusMessage {
  kind: 'info' | 'error';
  text: string;
}

export type ConflictChoice = 'reload' | 'overwrite' | 'cancel';

export interface SessionPrompts {
  /** Unsaved changes would be lost by `action` (e.g. `open "orders"`): true discards them. */
  confirmDiscard(action: string): Promise<boolean>;
  confirmDelete(flow: { id: string; name: string }): Promise<boolean>;
  /** The file changed on disk since it was opened: reload it (losing these edits), overwrite it, or neither. */
  resolveConflict(flowId: string): Promise<ConflictChoice>;
}

/** Where the open flow's id is kept for reloads: the URL hash `#/flows/<id>` in the app. */
export interface FlowLocation {
  read(): string | undefined;
  write(id: string | undefined): void;
}

export interface SessionState {
  /** The open flow's file id; undefined for a new document never saved. */
  flowId?: string;
  /** The revision the open document was loaded or saved at; null when the file must not exist yet. */
  revision: string | null;
  flows: readonly FlowListItem[];
  listLoaded: boolean;
  listError?: string;
  status?: StatusMessage;
  /** A call that replaces the document (open, reload) is on its way. */
  loading: boolean;
}

export interface SessionDeps {
  client: ApiClient | undefined;
  store: FlowStore;
  prompts: SessionPrompts;
  location: FlowLocation;
}

export type FlowSession = ReturnType<typeof createFlowSession>;

export function emptyFlow(id = 'untitled', name = 'Untitled flow'): FlowDocument {
  return { format: FLOW_FORMAT, id, name, nodes: [], edges: [] };
}

export function flowIdFromHash(hash: string): string | undefined {
  const match = /^#\/flows\/([A-Za-z][A-Za-z0-9_-]*)$/.exec(hash);
  return match?.[1];
}

export function createFlowSession({ client, store, prompts, location }: SessionDeps) {
  let state: SessionState = { revision: null, flows: [], listLoaded: false, loading: false };
  const listeners = new Set<() => void>();

  const update = (patch: Partial<SessionState>, remove: Array<keyof SessionState> = []): void => {
    const next = { ...state, ...patch };
    for (const key of remove) delete next[key];
    state = next;
    for (const listener of [...listeners]) listener();
  };
  const info = (text: string) => update({ status: { kind: 'info', text } });
  const fail = (error: unknown) => update({ status: { kind: 'error', text: messageOf(error) } });

  const connected = (what: string): ApiClient | undefined => {
    if (!client) update({ status: { kind: 'error', text: `Not connected to a Pipewright server, so ${what}.` } });
    return client;
  };

  /**
   * True when nothing unsaved is in the way of `action`, or the user agreed to drop it. Answers at
   * once when nothing is unsaved, so an open sends its request in the same tick (see `start`).
   */
  const mayReplaceDocument = (action: string): boolean | Promise<boolean> => !store.getSnapshot().dirty || prompts.confirmDiscard(action);

  const opened = (id: string, revision: string, message: string) => {
    update({ flowId: id, revision, status: { kind: 'info', text: message } });
    location.write(id);
  };

  /**
   * Runs a call that changes flow files: true when it went through; its error becomes the status
   * line. The list is read again either way: after a failure it is often the list that was stale
   * (CONFLICT, FLOW_EXISTS, a flow deleted elsewhere).
   */
  const changeFiles = async (change: () => Promise<void>): Promise<boolean> => {
    try {
      await change();
      return true;
    } catch (error) {
      fail(error);
      return false;
    } finally {
      await session.refresh();
    }
  };

  const session = {
    getState: (): SessionState => state,

    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /**
     * Start-up: asks for the flow the address names before the list, both at once. The service answers
     * in the order it is asked, and the canvas should not wait for every flow file to be listed.
     */
    async start(): Promise<void> {
      await Promise.all([session.openFromLocation(), session.refresh()]);
    },

    /** Reads the workspace's flows again. */
    async refresh(): Promise<void> {
      if (!client) return;
      try {
        update({ flows: await client.send('flows.list', {}), listLoaded: true }, ['listError']);
      } catch (error) {
        update({ listLoaded: true, listError: messageOf(error) });
      }
    },

    /** Opens flow `id`. With `force`, unsaved changes are dropped without asking (the user already chose to reload). */
    async open(id: string, options: { force?: boolean } = {}): Promise<boolean> {
      const api = connected('no flow can be opened');
      if (!api) return false;
      const allowed = options.force === true || mayReplaceDocument(`open "${id}"`);
      if (allowed !== true && !(await allowed)) {
        location.write(state.flowId); // the address goes back to the flow still open
        return false;
      }
      update({ loading: true });
      try {
        const detail = await api.send('flows.get', { id });
        if (!detail.document) {
          update({ status: { kind: 'error', text: `${detail.file} is not a readable flow: ${detail.problems[0]?.message ?? 'unknown problem'}` } });
          return false;
        }
        // The service validated this very document: the store takes its problems instead of validating again.
        store.load(detail.document, detail.problems);
        opened(detail.id, detail.revision, `Opened ${detail.file}`);
        return true;
      } catch (error) {
        fail(error);
        return false;
      } finally {
        update({ loading: false });
      }
    },

    /** Opens the flow the address names, unless it is already open (start-up, back/forward). */
    async openFromLocation(): Promise<void> {
      const id = location.read();
      if (id === undefined || id === state.flowId) return;
      await session.open(id);
    },

    /** Saves with the revision it was opened at; on CONFLICT the user chooses what happens. */
    async save(options: { overwrite?: boolean } = {}): Promise<boolean> {
      const api = connected('the flow cannot be saved');
      if (!api) return false;
      const { doc } = store.getSnapshot();
      try {
        const saved = await api.send('flows.save', options.overwrite ? { document: doc } : { document: doc, expectedRevision: state.revision });
        store.markSaved(doc);
        const problems = saved.problems.length;
        opened(saved.id, saved.revision, problems === 0 ? `Saved ${saved.file}` : `Saved ${saved.file} with ${problems} problem${problems === 1 ? '' : 's'}; it cannot run until they are fixed`);
        void session.refresh();
        return true;
      } catch (error) {
        if (!isConflict(error) || options.overwrite) {
          fail(error);
          return false;
        }
        const choice = await prompts.resolveConflict(doc.id);
        if (choice === 'overwrite') return session.save({ overwrite: true });
        if (choice === 'reload') {
          await session.open(doc.id, { force: true });
          return false;
        }
        update({ status: { kind: 'error', text: `Not saved: ${doc.id} changed on disk. Your changes are still here; save again to choose reload or overwrite.` } });
        return false;
      }
    },

    /** Creates an empty flow file and opens it. */
    async create(input: { id: string; name: string }): Promise<boolean> {
      const api = connected('no flow can be created');
      if (!api || !(await mayReplaceDocument(`create "${input.id}"`))) return false;
      return changeFiles(async () => {
        const saved = await api.send('flows.create', input);
        store.load(saved.document, saved.problems);
        opened(saved.id, saved.revision, `Created ${saved.file}`);
      });
    },

    /** Changes a flow's id and/or name. The open flow must be saved first: its file is what gets renamed. */
    async rename(id: string, change: { newId?: string; name?: string }): Promise<boolean> {
      const api = connected('no flow can be renamed');
      if (!api) return false;
      const isOpen = id === state.flowId;
      if (isOpen && store.getSnapshot().dirty) {
        update({ status: { kind: 'error', text: `Save ${id} before renaming it: the rename works on the saved file.` } });
        return false;
      }
      const params: { id: string; newId?: string; name?: string; expectedRevision?: string | null } = { id, expectedRevision: revisionOf(id) };
      if (change.newId !== undefined && change.newId !== id) params.newId = change.newId;
      if (change.name !== undefined) params.name = change.name;
      return changeFiles(async () => {
        const saved = await api.send('flows.rename', params);
        if (isOpen) {
          store.load(saved.document, saved.problems);
          opened(saved.id, saved.revision, `Renamed to ${saved.file}`);
        } else info(`Renamed ${id} to ${saved.id}`);
      });
    },

    async duplicate(id: string, copy: { newId: string; name?: string }): Promise<boolean> {
      const api = connected('no flow can be duplicated');
      if (!api) return false;
      return changeFiles(async () => {
        const saved = await api.send('flows.duplicate', { id, ...copy });
        info(`Duplicated ${id} as ${saved.file}`);
      });
    },

    /** Deletes a flow file after the user confirmed; deleting the open flow leaves an empty new document. */
    async remove(id: string): Promise<boolean> {
      const api = connected('no flow can be deleted');
      if (!api) return false;
      const name = state.flows.find((flow) => flow.id === id)?.name ?? id;
      if (!(await prompts.confirmDelete({ id, name }))) return false;
      return changeFiles(async () => {
        await api.send('flows.delete', { id, expectedRevision: revisionOf(id) });
        if (id === state.flowId) {
          store.load(emptyFlow());
          update({ revision: null }, ['flowId']);
          location.write(undefined);
        }
        info(`Deleted ${id}`);
      });
    },
  };

  /** The revision to check a change of flow `id` against: the open one's, else the list's. */
  function revisionOf(id: string): string | null {
    if (id === state.flowId) return state.revision;
    return state.flows.find((flow) => flow.id === id)?.revision ?? null;
  }

  return session;
}

function isConflict(error: unknown): boolean {
  return error instanceof PipewrightError && error.code === 'CONFLICT';
}

export function messageOf(error: unknown): string {
  if (isConflict(error)) return 'The flow file changed on disk since it was read. The flows list is refreshed; try again.';
  return error instanceof Error ? error.message : String(error);
}
