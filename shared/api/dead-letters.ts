// Dead-letter calls: list, inspect, replay (after the flow was fixed) and discard (DESIGN.md §4).
import { z } from 'zod';
import { idSchema, limitParam, method } from './common.js';
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

export const deadLetterMethods = {
  'dlq.list': method(listDeadLettersParams, 'Dead letters, newest first, optionally of one run or flow.'),
  'dlq.get': method(getDeadLetterParams, 'One dead letter with its payload and attempt history.'),
  'dlq.replay': method(replayDeadLettersParams, 'Replays dead letters on the current saved version of their flow, one replay run per flow.'),
  'dlq.discard': method(discardDeadLettersParams, 'Deletes dead letters for good.'),
} as const;

export interface ReplayResult {
  /** One report per flow the dead letters belonged to. Progress also arrives as run events. */
  reports: RunReport[];
}

export interface DiscardResult {
  discarded: number;
}

export interface DeadLetterHandlers {
  'dlq.list': (params: z.infer<typeof listDeadLettersParams>) => Promise<DeadLetterSummary[]>;
  'dlq.get': (params: z.infer<typeof getDeadLetterParams>) => Promise<DeadLetter>;
  'dlq.replay': (params: z.infer<typeof replayDeadLettersParams>) => Promise<ReplayResult>;
  'dlq.discard': (params: z.infer<typeof discardDeadLettersParams>) => Promise<DiscardResult>;
}
