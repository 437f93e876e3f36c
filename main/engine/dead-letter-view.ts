// Dead letters as hosts see them (DESIGN.md §4): a message that failed for good at a node without an
// `error` edge, with its input payload, the error and every attempt. Nothing is deleted until it is
// discarded; a replay marks it with the run it went into.
import type { Redaction } from './redaction.js';
import type { DeadLetterRecord } from './store/types.js';
import type { AttemptRecord, DeadLetter, DeadLetterSummary } from './types.js';

export function toDeadLetterSummary(record: DeadLetterRecord): DeadLetterSummary {
  const summary: DeadLetterSummary = {
    id: record.id, runId: record.runId, flowId: record.flowId, nodeId: record.nodeId, messageId: record.messageId,
    error: record.error, attempts: record.attempts, createdAt: record.createdAt,
  };
  if (record.replayedIn !== null) summary.replayedIn = record.replayedIn;
  return summary;
}

/** A dead letter to show: its payload is stored as the step received it, and redacted here. */
export function toDeadLetter(record: DeadLetterRecord, redaction: Redaction): DeadLetter {
  return { ...toDeadLetterSummary(record), payload: JSON.parse(redaction.json(record.payload)) as unknown, history: JSON.parse(record.history) as AttemptRecord[] };
}
