// The canvas store: the flow document being edited, as plain TypeScript (no React), so the same code
// runs in unit tests and behind useSyncExternalStore. Every edit goes through `apply` as a list of
// change objects (./changes.ts); history holds those lists with their inverses for undo/redo.
// Selection lives here too (copy, paste and delete act on it) but is not part of the history.
import type { Problem } from '../../../shared/errors.js';
import { getNodeKind } from '../../../shared/catalog/index.js';
import { validateFlow } from '../../../shared/flow/validate.js';
import type { FlowDocument, FlowEdge, FlowNode, FlowSettings, FlowTest } from '../../../shared/flow/schema.js';
import { applyChanges, deliveryOf, type FlowChange, type NodeConfig, type NodeDelivery, type Position } from './changes.js';
import { copyNodes, pasteChanges, type FlowClipboard } from './clipboard.js';
import { idFromTitle, uniqueId } from './ids.js';
import { indexProblems, type ProblemIndex } from './problems.js';
import { sameJson } from './same-json.js';

export interface FlowSnapshot {
  readonly doc: FlowDocument;
  readonly nodesById: ReadonlyMap<string, FlowNode>;
  readonly selection: ReadonlySet<string>;
  readonly problems: ProblemIndex;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** True when the document differs from the text last loaded or saved. */
  readonly dirty: boolean;
  /** Increases with every applied edit, undo and redo. */
  readonly version: number;
  /** Increases each time another document is loaded (the canvas then fits the view to it). */
  readonly generation: number;
}

/** Something on the canvas to bring into view: a node by id, an edge by its `edgeKey`. */
export type RevealTarget = { kind: 'node'; id: string } | { kind: 'edge'; key: string };

export interface ApplyOptions {
  /**
   * Edits with the same key in a row become one history entry (a drag, typing in one field): undo
   * goes back to before the first of them. `seal()` ends the run.
   */
  coalesceKey?: string;
  /** Selection after the edit. */
  select?: Iterable<string>;
}

interface HistoryEntry {
  changes: FlowChange[];
  inverse: FlowChange[];
  coalesceKey?: string;
}

export type FlowStore = ReturnType<typeof createFlowStore>;

export function createFlowStore(initial: FlowDocument) {
  let doc = initial;
  /**
   * The document last opened or saved. Dirty tracking compares against it with `sameJson` instead of
   * serializing the whole flow (a 5 MB sample) on every keystroke. Only content counts: a file written
   * by hand in another layout opens saved (the next save writes it canonically), so opening a flow
   * never shows it "Unsaved".
   */
  let baseline: FlowDocument = initial;
  let selection: ReadonlySet<string> = new Set();
  let undoStack: HistoryEntry[] = [];
  let redoStack: HistoryEntry[] = [];
  let sealed = true;
  let version = 0;
  let generation = 0;
  let problems = indexProblems(doc, validateFlow(doc).problems);
  let snapshot: FlowSnapshot | undefined;
  let dirtyCache: { doc: FlowDocument; dirty: boolean } | undefined;

  const listeners = new Set<() => void>();
  const revealListeners = new Set<(target: RevealTarget) => void>();

  const isDirty = (): boolean => {
    if (dirtyCache?.doc !== doc) dirtyCache = { doc, dirty: !sameJson(doc, baseline) };
    return dirtyCache.dirty;
  };

  const notify = () => {
    snapshot = undefined;
    for (const listener of [...listeners]) listener();
  };

  /** Moves never change validity, so a drag does not re-run validation on every frame. */
  const setDoc = (next: FlowDocument, changes: readonly FlowChange[]) => {
    doc = next;
    version += 1;
    if (changes.some((change) => change.type !== 'move')) problems = indexProblems(doc, validateFlow(doc).problems);
    const ids = new Set(doc.nodes.map((node) => node.id));
    if ([...selection].some((id) => !ids.has(id))) selection = new Set([...selection].filter((id) => ids.has(id)));
  };

  const store = {
    getSnapshot(): FlowSnapshot {
      snapshot ??= {
        doc,
        nodesById: new Map(doc.nodes.map((node) => [node.id, node])),
        selection,
        problems,
        canUndo: undoStack.length > 0,
        canRedo: redoStack.length > 0,
        dirty: isDirty(),
        version,
        generation,
      };
      return snapshot;
    },

    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Applies the changes as one undoable step. Throws (and changes nothing) when one is invalid. */
    apply(changes: readonly FlowChange[], options: ApplyOptions = {}): void {
      if (changes.length === 0) return;
      const applied = applyChanges(doc, changes);
      const top = undoStack[undoStack.length - 1];
      if (!sealed && top && options.coalesceKey !== undefined && top.coalesceKey === options.coalesceKey) {
        top.changes = compactMoves([...top.changes, ...changes]);
        top.inverse = compactMoves([...applied.inverse, ...top.inverse]);
      } else {
        const entry: HistoryEntry = { changes: [...changes], inverse: applied.inverse };
        if (options.coalesceKey !== undefined) entry.coalesceKey = options.coalesceKey;
        undoStack = [...undoStack, entry];
      }
      sealed = options.coalesceKey === undefined;
      redoStack = [];
      setDoc(applied.doc, changes);
      if (options.select !== undefined) selection = new Set(options.select);
      notify();
    },

    /** Ends a run of coalesced edits (drag stop, field blur): the next edit starts a new undo step. */
    seal(): void {
      sealed = true;
    },

    undo(): boolean {
      const entry = undoStack[undoStack.length - 1];
      if (!entry) return false;
      const applied = applyChanges(doc, entry.inverse);
      undoStack = undoStack.slice(0, -1);
      redoStack = [...redoStack, entry];
      sealed = true;
      setDoc(applied.doc, entry.inverse);
      notify();
      return true;
    },

    redo(): boolean {
      const entry = redoStack[redoStack.length - 1];
      if (!entry) return false;
      const applied = applyChanges(doc, entry.changes);
      redoStack = redoStack.slice(0, -1);
      undoStack = [...undoStack, { ...entry, inverse: applied.inverse }];
      sealed = true;
      setDoc(applied.doc, entry.changes);
      notify();
      return true;
    },

    /** Adds a node of `type` with its kind's default config; returns its id and selects it. */
    addNode(type: string, position: Position, init: { id?: string; name?: string } = {}): string {
      const kind = getNodeKind(type);
      const taken = new Set(doc.nodes.map((node) => node.id));
      const id = uniqueId(init.id ?? (kind ? idFromTitle(kind.title) : 'node'), taken);
      const node: FlowNode = { id, type, position, config: structuredClone((kind?.defaultConfig ?? {}) as NodeConfig) };
      if (init.name !== undefined) node.name = init.name;
      store.apply([{ type: 'add-node', node }], { select: [id] });
      return id;
    },

    /**
     * Moves nodes. Moves with `dragging` and the final move without it (the drop) are one undo step
     * when they move the same nodes.
     */
    moveNodes(moves: ReadonlyArray<{ id: string; position: Position }>, options: { dragging?: boolean } = {}): void {
      const changes: FlowChange[] = moves.map(({ id, position }) => ({ type: 'move', id, position }));
      store.apply(changes, { coalesceKey: `move:${moves.map((move) => move.id).sort().join(',')}` });
      if (!options.dragging) store.seal();
    },

    connect(edge: FlowEdge): void {
      store.apply([{ type: 'connect', edge }]);
    },

    disconnect(edge: FlowEdge): void {
      store.apply([{ type: 'disconnect', edge }]);
    },

    /** Replaces a node's config; successive updates of the same node coalesce until `seal()`. */
    updateConfig(id: string, config: NodeConfig): void {
      store.apply([{ type: 'update-config', id, config }], { coalesceKey: `config:${id}` });
    },

    rename(id: string, name: string | undefined): void {
      store.apply([{ type: 'rename', id, name: name === '' ? undefined : name }], { coalesceKey: `rename:${id}` });
    },

    setSamples(id: string, samples: unknown[] | undefined): void {
      store.apply([{ type: 'set-samples', id, samples }]);
    },

    /** Replaces the flow's tests as one undoable step. */
    setTests(tests: FlowTest[] | undefined): void {
      store.apply([{ type: 'set-tests', tests }]);
    },

    /**
     * Sets some of a node's delivery settings: a key given as `undefined` (or empty notes) is removed,
     * a key not given is kept. Typing in one field coalesces until `seal()`; an edit that changes
     * nothing makes no undo step.
     */
    setNodeDelivery(id: string, patch: NodeDelivery): void {
      const node = doc.nodes.find((candidate) => candidate.id === id);
      const current = deliveryOf(node ?? {});
      const merged: NodeDelivery = { ...current, ...patch };
      if (merged.notes === '') merged.notes = undefined;
      const delivery = deliveryOf(merged);
      if (node !== undefined && sameJson(delivery, current)) return;
      store.apply([{ type: 'set-delivery', id, delivery }], { coalesceKey: `delivery:${id}:${Object.keys(patch).sort().join(',')}` });
    },

    /**
     * Sets some of the flow's settings (trace, traceSampleRate, retention) the same way: `undefined`
     * removes a key, and an empty retention or settings object is not kept, so the file stays minimal.
     */
    setFlowSettings(patch: FlowSettings): void {
      const current = doc.settings ?? {};
      const merged: FlowSettings = { ...current, ...patch };
      const settings = Object.fromEntries(Object.entries(merged).filter(([, value]) => !isEmptySetting(value))) as FlowSettings;
      if (sameJson(settings, current)) return;
      store.apply([{ type: 'set-settings', settings }], { coalesceKey: `settings:${Object.keys(patch).sort().join(',')}` });
    },

    /** Removes the edges, then the nodes (with every edge touching them), as one undo step. */
    remove(nodeIds: Iterable<string>, edges: Iterable<FlowEdge> = []): void {
      const ids = new Set(nodeIds);
      const changes: FlowChange[] = [];
      for (const edge of edges) if (!ids.has(edge.from) && !ids.has(edge.to)) changes.push({ type: 'disconnect', edge });
      for (const id of ids) changes.push({ type: 'remove-node', id });
      store.apply(changes);
    },

    deleteSelection(): void {
      store.remove(selection);
    },

    select(ids: Iterable<string>): void {
      selection = new Set(ids);
      notify();
    },

    selectAll(): void {
      store.select(doc.nodes.map((node) => node.id));
    },

    /** The selected nodes (or `ids`) with the edges between them, as plain JSON. */
    copy(ids: Iterable<string> = selection): FlowClipboard {
      return copyNodes(doc, ids);
    },

    /** Pastes with new unique ids and offset positions; selects and returns the new ids. */
    paste(clip: FlowClipboard): string[] {
      const { changes, ids } = pasteChanges(doc, clip);
      store.apply(changes, { select: ids });
      return ids;
    },

    /**
     * Call after a successful save of `sent`, the document as it was sent: edits made while the save
     * was on its way are not in the file, so they stay unsaved.
     */
    markSaved(sent: FlowDocument = doc): void {
      baseline = sent;
      dirtyCache = undefined;
      notify();
    },

    /**
     * Replaces the document (open another flow, reload after a conflict); clears history. `known`: the
     * problems the service found in this very document (flows.get, flows.save), which spares validating
     * it again here (1,000 expressions to compile); later edits are validated here as always.
     */
    load(next: FlowDocument, known?: readonly Problem[]): void {
      doc = next;
      baseline = next;
      undoStack = [];
      redoStack = [];
      sealed = true;
      selection = new Set();
      version += 1;
      generation += 1;
      problems = indexProblems(doc, known ?? validateFlow(doc).problems);
      dirtyCache = undefined;
      notify();
    },

    /**
     * Shows a node or edge to the user (the problems list asks this): a node becomes the selection; the
     * canvas, listening through `onReveal`, selects an edge and brings either into view.
     */
    reveal(target: RevealTarget): void {
      store.select(target.kind === 'node' ? [target.id] : []);
      for (const listener of [...revealListeners]) listener(target);
    },

    onReveal(listener: (target: RevealTarget) => void): () => void {
      revealListeners.add(listener);
      return () => revealListeners.delete(listener);
    },

    problemsOf(id: string): readonly Problem[] {
      return problems.byNode.get(id) ?? [];
    },
  };
  return store;
}

/** An unset setting, or a retention with no limit left in it. */
function isEmptySetting(value: unknown): boolean {
  return value === undefined || (typeof value === 'object' && value !== null && Object.values(value).every((inner) => inner === undefined));
}

/**
 * A drag produces a move per frame; in a list made only of moves, the last move of each node decides
 * where it ends up, so the others can go (history stays small however long the drag).
 */
function compactMoves(changes: FlowChange[]): FlowChange[] {
  if (!changes.every((change) => change.type === 'move')) return changes;
  const last = new Map<string, FlowChange>();
  for (const change of changes) {
    last.delete(change.id);
    last.set(change.id, change);
  }
  return [...last.values()];
}
