// Getting a run's input into the flow (DESIGN.md §4). Inline messages are queued with the run in one
// transaction. JSON-lines files are validated in full first (every malformed line reported, nothing
// queued), then read in chunks as the trigger has room: the file itself is the trigger's queue, and
// the transaction that commits a chunk's steps also records the byte offset it reached, so a resumed
// run continues exactly there. Trigger message ids are deterministic (run id + input + line).
import { PipewrightError } from '../../shared/errors.js';
import { triggerMessageId } from './ids.js';
import { readJsonLines, validateJsonLines } from './jsonl.js';
import { payloadText } from './json-text.js';
import type { ClaimedMessage, MessageQueue } from './queue.js';
import type { RunPlan } from './run-plan.js';
import type { StateDatabase } from './store/database.js';
import type { TriggerInput } from './types.js';

/** An input checked and ready to be recorded with its run. */
export interface PreparedInput {
  triggerId: string;
  /** Serialized inline messages. */
  texts?: string[];
  file?: string;
  /** Number of messages (inline) or non-empty lines (file). */
  total: number;
}

/** Lines read from a JSON-lines input, to be run as trigger messages. */
export interface FileChunk {
  runId: string;
  ordinal: number;
  triggerId: string;
  messages: ClaimedMessage[];
  endOffset: number;
  lastLine: number;
  /** Lines handed on once this chunk commits. */
  ingested: number;
  finished: boolean;
}

interface InputRow {
  ordinal: number;
  trigger_id: string;
  file_path: string;
  byte_offset: number;
  line: number;
  ingested: number;
}

export function prepareInputs(plan: RunPlan, inputs: TriggerInput[]): PreparedInput[] {
  return inputs.map((input, index) => {
    const node = plan.nodes.get(input.triggerId);
    if (!node || !node.isTrigger) {
      const triggers = [...plan.nodes.values()].filter((n) => n.isTrigger).map((n) => n.node.id);
      throw new PipewrightError('UNKNOWN_TRIGGER', `"${input.triggerId}" is not a trigger node of flow "${plan.flow.id}"; its triggers are: ${triggers.join(', ') || 'none'}`, {
        location: { path: `inputs[${index}].triggerId` },
      });
    }
    if ((input.messages === undefined) === (input.jsonlFile === undefined)) {
      throw new PipewrightError('INVALID_INPUT', `input for trigger "${input.triggerId}" needs either messages or a jsonlFile, not both or neither`);
    }
    if (input.jsonlFile !== undefined) return { triggerId: input.triggerId, file: input.jsonlFile, total: validateJsonLines(input.jsonlFile) };
    const texts = (input.messages ?? []).map((message, at) => {
      try {
        return payloadText(message);
      } catch (error) {
        throw new PipewrightError('INVALID_INPUT', `message ${at + 1} for trigger "${input.triggerId}" is not JSON: ${(error as Error).message}`);
      }
    });
    return { triggerId: input.triggerId, texts, total: texts.length };
  });
}

export class Ingest {
  private readonly insertInput;
  private readonly openInputs;
  private readonly advanceStatement;

  constructor(private readonly db: StateDatabase, private readonly queue: MessageQueue) {
    this.insertInput = db.prepare(
      'INSERT INTO run_inputs (run_id, ordinal, trigger_id, file_path, total, ingested, done) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.openInputs = db.prepare<[string], InputRow>(
      'SELECT ordinal, trigger_id, file_path, byte_offset, line, ingested FROM run_inputs WHERE run_id = ? AND done = 0 ORDER BY ordinal',
    );
    this.advanceStatement = db.prepare<[number, number, number, number, string, number]>(
      'UPDATE run_inputs SET byte_offset = ?, line = ?, ingested = ?, done = ? WHERE run_id = ? AND ordinal = ?',
    );
  }

  /** Records the inputs of a new run and queues its inline messages; call inside the run's transaction. */
  record(runId: string, inputs: PreparedInput[]): void {
    inputs.forEach((input, ordinal) => {
      if (input.texts) {
        input.texts.forEach((text, at) => {
          const id = triggerMessageId(runId, ordinal, at + 1);
          this.queue.insert(id, runId, input.triggerId, text, id);
        });
        this.insertInput.run(runId, ordinal, input.triggerId, null, input.total, input.total, 1);
      } else {
        this.insertInput.run(runId, ordinal, input.triggerId, input.file ?? null, input.total, 0, input.total === 0 ? 1 : 0);
      }
    });
  }

  /** Trigger ids with file input still to read. */
  openTriggers(runId: string): Set<string> {
    return new Set(this.openInputs.all(runId).map((row) => row.trigger_id));
  }

  /**
   * Reads the next lines of the first open file input whose trigger has room, as messages for that
   * trigger. Nothing is queued: the caller runs them and calls `advance` inside its commit transaction,
   * so the file offset moves exactly with what was handed on.
   */
  readChunk(runId: string, room: (triggerId: string) => number): FileChunk | undefined {
    for (const input of this.openInputs.all(runId)) {
      const limit = room(input.trigger_id);
      if (limit <= 0) continue;
      const messages: ClaimedMessage[] = [];
      let endOffset = input.byte_offset;
      let lastLine = input.line;
      let finished = true;
      for (const line of readJsonLines(input.file_path, input.byte_offset, input.line)) {
        const id = triggerMessageId(runId, input.ordinal, line.line);
        messages.push({ id, payload: line.text, attempt: 1, idempotencyKey: id, attemptsJson: null });
        endOffset = line.endOffset;
        lastLine = line.line;
        if (messages.length >= limit) {
          finished = false;
          break;
        }
      }
      return { runId, ordinal: input.ordinal, triggerId: input.trigger_id, messages, endOffset, lastLine, ingested: input.ingested + messages.length, finished };
    }
    return undefined;
  }

  /** Records how far a chunk got; call inside the transaction that commits its steps. */
  advance(chunk: FileChunk): void {
    this.advanceStatement.run(chunk.endOffset, chunk.lastLine, chunk.ingested, chunk.finished ? 1 : 0, chunk.runId, chunk.ordinal);
  }
}
