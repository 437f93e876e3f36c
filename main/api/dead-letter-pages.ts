// The Dead letters view's reads and the payload edit (dlq.page, dlq.get's edits, dlq.edit), through the
// store's narrow methods (main/engine/store/types.ts). Listed letters carry no payload; a letter's
// payload is shown through the engine (`engine.deadLetter`), which redacts it (DESIGN.md §6).
import type { DeadLetterItem, DeadLetterMarker, DeadLetterPage, PayloadEdit, pageDeadLettersParams } from '../../shared/api/dead-letters.js';
import { PipewrightError } from '../../shared/errors.js';
import type { DeadLetterPageQuery, DeadLetterRecord, EngineStore } from '../engine/store/types.js';
import type { z } from 'zod';
import { decodeCursor, encodeCursor } from './page-cursor.js';

const DEFAULT_PAGE = 100;
/** Letters read per store call while collecting what `dlq.replayAll` replays. */
const COLLECT_PAGE = 1000;

export type DeadLetterFilter = Omit<DeadLetterPageQuery, 'after' | 'limit' | 'includeReplayed'>;

export class DeadLetterPages {
  constructor(private readonly store: EngineStore) {}

  async page(params: z.infer<typeof pageDeadLettersParams>): Promise<DeadLetterPage> {
    const { cursor, limit: given, ...filter } = params;
    const limit = given ?? DEFAULT_PAGE;
    const query: DeadLetterPageQuery = { ...filter, limit: limit + 1 };
    if (cursor !== undefined) query.after = decodeCursor<{ createdAt: string; id: string }>(cursor, { createdAt: 'string', id: 'string' });
    const [records, groups] = await Promise.all([this.store.deadLetters.page(query), this.store.deadLetters.groups(filter)]);
    const page: DeadLetterPage = {
      letters: records.slice(0, limit).map(toItem),
      groups,
      total: groups.reduce((sum, group) => sum + group.count, 0),
    };
    const last = records[limit - 1];
    if (records.length > limit && last) page.nextCursor = encodeCursor({ createdAt: last.createdAt, id: last.id });
    return page;
  }

  /**
   * The count and the newest creation time of the letters waiting: a letter created, replayed or
   * discarded changes one of them (a replay that dies again creates a newer letter), so comparing two
   * markers tells a poller whether to re-read. One grouped read, the same the view's pages make.
   */
  async marker(): Promise<DeadLetterMarker> {
    const groups = await this.store.deadLetters.groups({});
    const total = groups.reduce((sum, group) => sum + group.count, 0);
    const latestAt = groups.reduce<string | undefined>((latest, group) => (latest === undefined || group.latestAt > latest ? group.latestAt : latest), undefined);
    return { total, ...(latestAt === undefined ? {} : { latestAt }), marker: `${total}@${latestAt ?? '-'}` };
  }

  /** Ids of every letter the filter matches and no replay took yet, newest first. */
  async matching(filter: DeadLetterFilter): Promise<DeadLetterRecord[]> {
    const found: DeadLetterRecord[] = [];
    let after: DeadLetterPageQuery['after'];
    for (;;) {
      const page = await this.store.deadLetters.page({ ...filter, limit: COLLECT_PAGE, ...(after ? { after } : {}) });
      found.push(...page);
      const last = page.at(-1);
      if (page.length < COLLECT_PAGE || !last) return found;
      after = { createdAt: last.createdAt, id: last.id };
    }
  }

  /** The flows the letters with these ids belong to (unknown ids are skipped). */
  async flowsOf(ids: Iterable<string>): Promise<Set<string>> {
    const flows = new Set<string>();
    for (const id of new Set(ids)) {
      const letter = await this.store.deadLetters.get(id);
      if (letter) flows.add(letter.flowId);
    }
    return flows;
  }

  /** Earlier payloads of a letter, parsed (they were stored as the flow produced them). */
  async edits(id: string, redact: (json: string) => string): Promise<PayloadEdit[]> {
    return (await this.store.deadLetters.edits(id)).map((edit) => ({ at: edit.at, payload: JSON.parse(redact(edit.previous)) as unknown }));
  }

  async edit(id: string, payload: unknown): Promise<void> {
    const letter = await this.store.deadLetters.get(id);
    if (!letter) throw new PipewrightError('DEAD_LETTER_NOT_FOUND', `no dead letter with id ${id}`);
    if (letter.discarded) throw new PipewrightError('DEAD_LETTER_DISCARDED', `dead letter ${id} was discarded; its payload can no longer be edited`);
    if (letter.replayedIn !== null) {
      throw new PipewrightError('INVALID_PARAMS', `dead letter ${id} was already replayed in run ${letter.replayedIn}; edit a dead letter of that run instead`);
    }
    if (!(await this.store.deadLetters.editPayload(id, JSON.stringify(payload), new Date().toISOString()))) {
      throw new PipewrightError('DEAD_LETTER_NOT_FOUND', `dead letter ${id} changed while it was being edited (replayed or discarded); reload the list`);
    }
  }
}

function toItem(record: DeadLetterRecord): DeadLetterItem {
  const item: DeadLetterItem = {
    id: record.id, runId: record.runId, flowId: record.flowId, nodeId: record.nodeId, messageId: record.messageId,
    error: record.error, attempts: record.attempts, createdAt: record.createdAt, edited: record.edited === true,
  };
  if (record.replayedIn !== null) item.replayedIn = record.replayedIn;
  const status = httpStatusOf(record.error.code, record.error.message);
  if (status !== undefined) item.httpStatus = status;
  return item;
}

/**
 * The HTTP status of an error from the outgoing client: its messages name it ("failed with server
 * error 500", "was rejected with 404", "answered 408"; main/http/classify.ts). The error data has no
 * field for it yet, so it is read back from there.
 */
export function httpStatusOf(code: string, message: string): number | undefined {
  if (!code.startsWith('HTTP_')) return undefined;
  const match = /(?:server error|rejected with|answered|limited \() ?(\d{3})\b/.exec(message);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
