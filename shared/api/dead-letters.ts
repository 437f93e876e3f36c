// Dead-letter calls: list, inspect, replay (after the flow was fixed) and discard (DESIGN.md §4). The
// Dead letters view pages through them with counts per flow, node and error (`dlq.page`), replays
// everything a filter matches (`dlq.replayAll`) and edits a payload before a replay (`dlq.edit`,
// the original kept in the letter's history).
import { z } from 'zod';
import { idSchema, limitParam, method, noParams } from './common.js';
import { cursorParam } from './runs.js';
import type { DeadLetter, DeadLetterSummary, RunReport } from '../runs.js';

const deadLetterIds = z.array(z.string().min(1)).min(1, { message: 'give at least one dead-letter id' }).max(10_000);

export const listDeadLettersParams = z.strictObject({
  runId: z.string().min(1).optional(),
  flowId: idSchema.optional(),
  includeReplayed: z.boolean().optional(),
  limit: limitParam.optional(),
});
export const getDeadLetterParams = z.strictObject({ id: z.string().min(1) });
export const replayDeadLettersParams = z.strictObject({ ids: deadLetterIds });
export const discardDeadLettersParams = z.strictObject({ ids: deadLetterIds });

/** What the Dead letters view filters by; `dlq.replayAll` replays exactly what it matches. */
const deadLetterFilter = {
  runId: z.string().min(1).optional(),
  flowId: idSchema.optional(),
  nodeId: idSchema.optional(),
  errorCode: z.string().min(1).max(200).optional(),
};
export const pageDeadLettersParams = z.strictObject({
  ...deadLetterFilter,
  includeReplayed: z.boolean().optional(),
  cursor: cursorParam.optional(),
  /** Letters per page (default 100). */
  limit: z.number().int().min(1).max(1000).optional(),
});
export const replayAllParams = z.strictObject(deadLetterFilter);
export const editDeadLetterParams = z.strictObject({
  id: z.string().min(1),
  /** The new payload (any JSON value); the one it replaces stays in the letter's history. */
  payload: z.unknown().refine((value) => value !== undefined, { message: 'give the new payload' }),
});

export const deadLetterMethods = {
  'dlq.list': method(listDeadLettersParams, 'Dead letters, newest first, optionally of one run or flow.'),
  'dlq.get': method(getDeadLetterParams, 'One dead letter with its payload, attempt history and earlier payloads (edits).'),
  'dlq.replay': method(replayDeadLettersParams, 'Replays dead letters on the current saved version of their flow, one replay run per flow.'),
  'dlq.discard': method(discardDeadLettersParams, 'Deletes dead letters for good.'),
  'dlq.page': method(pageDeadLettersParams, 'A page of dead letters, newest first, filtered by run, flow, node or error code, with counts per flow, node and error.'),
  'dlq.replayAll': method(replayAllParams, 'Replays every dead letter the filter matches, one replay run per flow; progress arrives as run events.'),
  'dlq.edit': method(editDeadLetterParams, 'Replaces the payload of a dead letter not yet replayed, keeping the original in its history.'),
  'dlq.marker': method(noParams, 'How many dead letters wait for a replay, and a marker that changes whenever they do (cheap enough to poll).'),
} as const;

export interface ReplayResult {
  /** One report per flow the dead letters belonged to. Progress also arrives as run events. */
  reports: RunReport[];
}

export interface DiscardResult {
  discarded: number;
}

/** A payload a dead letter had before an edit. */
export interface PayloadEdit {
  at: string;
  payload: unknown;
}

export interface DeadLetterDetail extends DeadLetter {
  /** Earlier payloads, oldest first; empty when never edited. */
  edits: PayloadEdit[];
}

/** A dead letter as the Dead letters view lists it. */
export interface DeadLetterItem extends DeadLetterSummary {
  /** The HTTP status the target answered, when the error came from one. */
  httpStatus?: number;
  /** True when its payload was edited since it failed. */
  edited: boolean;
}

export interface DeadLetterGroup {
  flowId: string;
  nodeId: string;
  errorCode: string;
  count: number;
  latestAt: string;
}

export interface DeadLetterPage {
  letters: DeadLetterItem[];
  /** Counts per flow, node and error code of everything the filter matches. */
  groups: DeadLetterGroup[];
  /** Letters the filter matches, over all pages. */
  total: number;
  nextCursor?: string;
}

export interface ReplayAllResult extends ReplayResult {
  /** How many dead letters went into the replay runs. */
  replayed: number;
}

/** The dead letters' state in brief (`dlq.marker`): the designer's tab count, and what it polls for changes. */
export interface DeadLetterMarker {
  /** Letters not replayed nor discarded. */
  total: number;
  /** When the newest of them was created. */
  latestAt?: string;
  /** Equal for two answers when nothing was created, replayed or discarded in between (edits excepted). */
  marker: string;
}

export interface DeadLetterHandlers {
  'dlq.list': (params: z.infer<typeof listDeadLettersParams>) => Promise<DeadLetterSummary[]>;
  'dlq.get': (params: z.infer<typeof getDeadLetterParams>) => Promise<DeadLetterDetail>;
  'dlq.replay': (params: z.infer<typeof replayDeadLettersParams>) => Promise<ReplayResult>;
  'dlq.discard': (params: z.infer<typeof discardDeadLettersParams>) => Promise<DiscardResult>;
  'dlq.page': (params: z.infer<typeof pageDeadLettersParams>) => Promise<DeadLetterPage>;
  'dlq.replayAll': (params: z.infer<typeof replayAllParams>) => Promise<ReplayAllResult>;
  'dlq.edit': (params: z.infer<typeof editDeadLetterParams>) => Promise<DeadLetterDetail>;
  'dlq.marker': (params: z.infer<typeof noParams>) => Promise<DeadLetterMarker>;
}
