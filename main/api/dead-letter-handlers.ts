// dlq.* — dead letters through the engine. A replay goes onto the current saved version of each
// letter's flow (the point of replaying is that the flow was fixed), one replay run per flow, with
// progress sent as run events like any other run. The Dead letters view's paged reads and the payload
// edit go through the store's read methods (./dead-letter-pages.ts). Every change made here is signalled
// as a `dlq.changed` event (./dead-letter-signals.ts) for the designer's Dead letters view.
import type { DeadLetterDetail, DeadLetterHandlers, ReplayResult } from '../../shared/api/dead-letters.js';
import { PipewrightError } from '../../shared/errors.js';
import type { RunReport } from '../engine/types.js';
import type { Engine } from '../engine/types.js';
import type { DeadLetterPages } from './dead-letter-pages.js';
import type { DeadLetterSignals } from './dead-letter-signals.js';
import type { RunTracker } from './run-tracker.js';
import { loadSavedFlow } from '../workspace/runnable-flow.js';

const DEFAULT_LIMIT = 100;

export interface DeadLetterReads {
  pages: DeadLetterPages;
  /** Hides secrets in payload JSON text shown to people (the engine's redactor). */
  redact: (json: string) => string;
}

export function createDeadLetterHandlers(
  workspace: string,
  engine: Engine,
  tracker: RunTracker,
  reads?: DeadLetterReads,
  signals: Pick<DeadLetterSignals, 'changed'> = { changed: () => undefined },
): DeadLetterHandlers {
  const readsOrFail = (): DeadLetterReads => {
    if (!reads) throw new PipewrightError('NOT_IMPLEMENTED', 'this service was given an engine without its store; paged dead-letter reads need the store');
    return reads;
  };

  const detail = async (id: string): Promise<DeadLetterDetail> => {
    const letter = await engine.deadLetter(id);
    return { ...letter, edits: reads ? await reads.pages.edits(id, reads.redact) : [] };
  };

  /** Replays `ids` (all known) per flow, one replay run each, with run events. */
  const replay = async (ids: Iterable<string>): Promise<ReplayResult> => {
    // Every id is looked up first, so an unknown one fails the call before anything is replayed.
    const byFlow = new Map<string, string[]>();
    for (const id of new Set(ids)) {
      const { flowId } = await engine.deadLetter(id);
      byFlow.set(flowId, [...(byFlow.get(flowId) ?? []), id]);
    }
    const flows = [...byFlow.keys()].map((flowId) => loadSavedFlow(workspace, flowId));
    const reports: RunReport[] = [];
    try {
      for (const { flow, flowPath } of flows) {
        const letters = byFlow.get(flow.id) ?? [];
        const run = { flowId: flow.id, nodeIds: flow.nodes.map((node) => node.id) };
        const report = await tracker.follow(undefined, run, (options) => engine.replay(letters, flow, { ...options, flowPath }), 'replay');
        if (report) reports.push(report);
      }
    } finally {
      // Also after a failed replay: the flows replayed before it changed.
      signals.changed('replayed', byFlow.keys());
    }
    return { reports };
  };

  return {
    'dlq.list': async ({ runId, flowId, includeReplayed, limit }) =>
      (await engine.deadLetters({
        ...(runId === undefined ? {} : { runId }),
        ...(flowId === undefined ? {} : { flowId }),
        ...(includeReplayed === undefined ? {} : { includeReplayed }),
        limit: limit ?? DEFAULT_LIMIT,
      })),

    'dlq.get': async ({ id }) => await detail(id),

    'dlq.replay': async ({ ids }) => await replay(ids),

    'dlq.discard': async ({ ids }) => {
      const flows = reads ? await reads.pages.flowsOf(ids) : new Set<string>();
      const discarded = await engine.discard(ids);
      if (discarded > 0) signals.changed('discarded', flows);
      return { discarded };
    },

    'dlq.page': async (params) => await readsOrFail().pages.page(params),

    'dlq.replayAll': async (filter) => {
      // Oldest first, so a replay delivers in the order the messages originally failed.
      const letters = (await readsOrFail().pages.matching(filter)).reverse();
      if (letters.length === 0) throw new PipewrightError('NOTHING_TO_REPLAY', 'no dead letter matches this filter (already replayed or discarded?); reload the list');
      return { ...(await replay(letters.map((letter) => letter.id))), replayed: letters.length };
    },

    'dlq.edit': async ({ id, payload }) => {
      await readsOrFail().pages.edit(id, payload);
      const edited = await detail(id);
      signals.changed('edited', [edited.flowId]);
      return edited;
    },

    'dlq.marker': async () => await readsOrFail().pages.marker(),
  };
}
