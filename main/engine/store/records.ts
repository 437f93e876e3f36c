// The rows both stores read back (runs, run inputs, trace steps, dead letters, claimed messages) and
// their mapping to the engine's records (./types.ts). The two schemas have the same columns; the only
// difference is how a driver returns a flag — SQLite as 0/1, PostgreSQL as a boolean — so the row
// types accept both and one mapper serves both stores.
import type { ErrorData } from '../../../shared/errors.js';
import type { RunKind, RunStatus } from '../../../shared/runs.js';
import type { ClaimedMessage, DeadLetterRecord, RunInput, RunRecord, StoredStep } from './types.js';

/** A flag as a driver returns it: SQLite's INTEGER 0/1 or PostgreSQL's BOOLEAN. */
export type FlagColumn = boolean | number;

export interface RunRow {
  id: string;
  flow_id: string;
  flow_version: number;
  flow_path: string | null;
  kind: RunKind;
  status: RunStatus;
  owner: string | null;
  heartbeat_at: number | null;
  started_at: string;
  finished_at: string | null;
  received: number;
  processed: number;
  dead: number;
  stored_bytes: number;
  replay_of: string | null;
}

export interface InputRow {
  run_id: string;
  ordinal: number;
  trigger_id: string;
  file_path: string | null;
  byte_offset: number;
  line: number;
  total: number;
  ingested: number;
  done: FlagColumn;
  file_size: number | null;
  file_mtime_ms: number | null;
  file_sha256: string | null;
}

export interface StepRowColumns {
  run_id: string;
  node_id: string;
  message_id: string;
  attempt: number;
  started_at: number;
  duration_ms: number;
  input: string | null;
  outputs: string | null;
  error: string | null;
}

export interface DeadLetterRow {
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
  edits: string | null;
}

export interface ClaimedRow {
  seq: number;
  id: string;
  payload: string;
  attempt: number;
  idempotency_key: string | null;
  attempts_json: string | null;
  timer: FlagColumn;
}

export function toRunRecord(row: RunRow): RunRecord {
  return {
    id: row.id, flowId: row.flow_id, flowVersion: row.flow_version, flowPath: row.flow_path, kind: row.kind, status: row.status,
    owner: row.owner, heartbeatAt: row.heartbeat_at, startedAt: row.started_at, finishedAt: row.finished_at,
    received: row.received, processed: row.processed, dead: row.dead, storedBytes: row.stored_bytes, replayOf: row.replay_of,
  };
}

export function toRunInput(row: InputRow): RunInput {
  return {
    runId: row.run_id, ordinal: row.ordinal, triggerId: row.trigger_id, filePath: row.file_path, byteOffset: row.byte_offset,
    line: row.line, total: row.total, ingested: row.ingested, done: isSet(row.done),
    file: row.file_size === null || row.file_mtime_ms === null || row.file_sha256 === null ? null : { size: row.file_size, mtimeMs: row.file_mtime_ms, sha256: row.file_sha256 },
  };
}

export function toStoredStep(row: StepRowColumns): StoredStep {
  return {
    runId: row.run_id, nodeId: row.node_id, messageId: row.message_id, attempt: row.attempt, startedAt: row.started_at, durationMs: row.duration_ms,
    input: row.input, outputs: row.outputs, error: row.error,
  };
}

export function toDeadLetter(row: DeadLetterRow): DeadLetterRecord {
  return {
    id: row.id, runId: row.run_id, flowId: row.flow_id, flowVersion: row.flow_version, nodeId: row.node_id, messageId: row.message_id,
    idempotencyKey: row.idempotency_key, payload: row.payload, error: JSON.parse(row.error) as ErrorData, history: row.history, attempts: row.attempts,
    createdAt: row.created_at, replayedIn: row.replayed_in, discarded: row.discarded_at !== null, edited: row.edits !== null,
  };
}

export function toClaimed(row: ClaimedRow): ClaimedMessage {
  const message: ClaimedMessage = {
    seq: row.seq, id: row.id, payload: row.payload, attempt: row.attempt, idempotencyKey: row.idempotency_key ?? row.id, attemptsJson: row.attempts_json,
  };
  if (isSet(row.timer)) message.timer = true;
  return message;
}

function isSet(flag: FlagColumn): boolean {
  return flag === true || flag === 1;
}
