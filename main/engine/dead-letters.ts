// The dead-letter queue (DESIGN.md §4): a message that failed for good at a node without an `error`
// edge, with its input payload, the error and every attempt. Nothing is deleted until it is discarded;
// a replay marks it with the run it went into.
import { PipewrightError, type ErrorData } from '../../shared/errors.js';
import { NO_REDACTION, type Redaction } from './redaction.js';
import type { StateDatabase } from './store/database.js';
import type { AttemptRecord, DeadLetter, DeadLetterSummary } from './types.js';

interface DeadLetterRow {
  id: string;
  run_id: string;
  flow_id: string;
  flow_version: number;
  node_id: string;
  message_id: string;
  idempotency_key: string;
  payload: string;
  error: string;
  history: string;
  attempts: number;
  created_at: string;
  replayed_in: string | null;
  discarded_at: string | null;
}

export interface NewDeadLetter {
  id: string;
  runId: string;
  flowId: string;
  flowVersion: number;
  nodeId: string;
  messageId: string;
  idempotencyKey: string;
  payload: string;
  error: ErrorData;
  history: AttemptRecord[];
}

export interface DeadLetterQuery {
  runId?: string;
  flowId?: string;
  includeReplayed?: boolean;
  limit?: number;
}

export class DeadLetterStore {
  private readonly insertStatement;
  private readonly getStatement;
  private readonly discardStatement;
  private readonly replayedStatement;

  /** Payload, error and attempt history are stored without secrets (./redaction.ts). */
  constructor(private readonly db: StateDatabase, private readonly redaction: Redaction = NO_REDACTION) {
    this.insertStatement = db.prepare(
      `INSERT INTO dead_letters (id, run_id, flow_id, flow_version, node_id, message_id, idempotency_key, payload, error, history, attempts, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.getStatement = db.prepare<[string], DeadLetterRow>('SELECT * FROM dead_letters WHERE id = ?');
    this.discardStatement = db.prepare<[string, string]>('UPDATE dead_letters SET discarded_at = ? WHERE id = ? AND discarded_at IS NULL');
    this.replayedStatement = db.prepare<[string, string]>('UPDATE dead_letters SET replayed_in = ? WHERE id = ?');
  }

  insert(letter: NewDeadLetter): void {
    this.insertStatement.run(
      letter.id, letter.runId, letter.flowId, letter.flowVersion, letter.nodeId, letter.messageId, letter.idempotencyKey,
      this.redaction.json(letter.payload), this.redaction.json(JSON.stringify(letter.error)), this.redaction.json(JSON.stringify(letter.history)), letter.history.length, new Date().toISOString(),
    );
  }

  list(query: DeadLetterQuery = {}): DeadLetterSummary[] {
    const where = ['discarded_at IS NULL'];
    const params: Array<string | number> = [];
    if (query.runId !== undefined) {
      where.push('run_id = ?');
      params.push(query.runId);
    }
    if (query.flowId !== undefined) {
      where.push('flow_id = ?');
      params.push(query.flowId);
    }
    if (query.includeReplayed !== true) where.push('replayed_in IS NULL');
    const limit = query.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(query.limit))}`;
    const sql = `SELECT id, run_id, flow_id, flow_version, node_id, message_id, error, attempts, created_at, replayed_in FROM dead_letters WHERE ${where.join(' AND ')} ORDER BY created_at, rowid${limit}`;
    return (this.db.prepare(sql).all(...params) as DeadLetterRow[]).map(toSummary);
  }

  /** Every dead letter of a run, replayed ones included: what the run report shows. */
  ofRun(runId: string): DeadLetterSummary[] {
    return this.list({ runId, includeReplayed: true });
  }

  get(id: string): DeadLetter & { idempotencyKey: string; flowVersion: number; payloadText: string; discarded: boolean } {
    const row = this.getStatement.get(id);
    if (!row) throw new PipewrightError('DEAD_LETTER_NOT_FOUND', `dead letter "${id}" does not exist (see \`pipewright dlq list\`)`);
    return {
      ...toSummary(row),
      payload: JSON.parse(row.payload) as unknown,
      history: JSON.parse(row.history) as AttemptRecord[],
      idempotencyKey: row.idempotency_key,
      flowVersion: row.flow_version,
      payloadText: row.payload,
      discarded: row.discarded_at !== null,
    };
  }

  discard(ids: string[]): number {
    const at = new Date().toISOString();
    let count = 0;
    this.db.transaction(() => {
      for (const id of ids) count += this.discardStatement.run(at, id).changes;
    })();
    return count;
  }

  markReplayed(id: string, runId: string): void {
    this.replayedStatement.run(runId, id);
  }
}

function toSummary(row: Pick<DeadLetterRow, 'id' | 'run_id' | 'flow_id' | 'node_id' | 'message_id' | 'error' | 'attempts' | 'created_at' | 'replayed_in'>): DeadLetterSummary {
  const summary: DeadLetterSummary = {
    id: row.id, runId: row.run_id, flowId: row.flow_id, nodeId: row.node_id, messageId: row.message_id,
    error: JSON.parse(row.error) as ErrorData, attempts: row.attempts, createdAt: row.created_at,
  };
  if (row.replayed_in !== null) summary.replayedIn = row.replayed_in;
  return summary;
}
