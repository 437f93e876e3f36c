// Getting a run's input into the flow (DESIGN.md §4). Inline messages are queued with the run in one
// transaction. JSON-lines files are validated in full first (every malformed line reported, nothing
// queued), then read in chunks as the trigger has room: the file itself is the trigger's queue, and
// the transaction that commits a chunk's steps also records the byte offset it reached, so a resumed
// run continues exactly there. Trigger message ids are deterministic (run id + input + line).
import { PipewrightError } from '../../shared/errors.js';
import { triggerMessageId } from './ids.js';
import { stillChecked } from './input-file.js';
import { readJsonLines, validateJsonLines } from './jsonl.js';
import { payloadText } from './json-text.js';
import type { RunPlan } from './run-plan.js';
import type { ClaimedMessage, InputAdvance, InputFileFingerprint, NewMessage, RunInput } from './store/types.js';
import type { TriggerInput } from './types.js';

/** An input checked and ready to be recorded with its run. */
export interface PreparedInput {
  triggerId: string;
  /** Serialized inline messages. */
  texts?: string[];
  file?: string;
  /** What the file was when validated; a resume checks it is still that file. */
  fingerprint?: InputFileFingerprint;
  /** Number of messages (inline) or non-empty lines (file). */
  total: number;
}

/** Lines read from a JSON-lines input, to be run as trigger messages. */
export interface FileChunk {
  runId: string;
  ordinal: number;
  triggerId: string;
  messages: ClaimedMessage[];
  /** Where each message's line ends, so a batch that handed on only some of them commits just those. */
  ends: Array<{ offset: number; line: number }>;
  endOffset: number;
  lastLine: number;
  /** Lines handed on once this chunk commits. */
  ingested: number;
  finished: boolean;
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
    if (input.jsonlFile !== undefined) {
      const { count, file } = stillChecked(input.jsonlFile, input.jsonlChecked) ?? validateJsonLines(input.jsonlFile);
      return { triggerId: input.triggerId, file: input.jsonlFile, fingerprint: file, total: count };
    }
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

/** The rows a new run's inputs need: its inputs, and its inline messages queued at once. */
export function inputRecords(runId: string, inputs: PreparedInput[]): { inputs: RunInput[]; messages: NewMessage[] } {
  const rows: RunInput[] = [];
  const messages: NewMessage[] = [];
  inputs.forEach((input, ordinal) => {
    const row: RunInput = {
      runId, ordinal, triggerId: input.triggerId, filePath: input.file ?? null, byteOffset: 0, line: 0, total: input.total, ingested: 0, done: false,
      file: input.fingerprint ?? null,
    };
    if (input.texts) {
      input.texts.forEach((text, at) => {
        const id = triggerMessageId(runId, ordinal, at + 1);
        messages.push({ id, runId, nodeId: input.triggerId, payload: text, idempotencyKey: id });
      });
      row.ingested = input.total;
      row.done = true;
    } else {
      row.done = input.total === 0;
    }
    rows.push(row);
  });
  return { inputs: rows, messages };
}

/**
 * Reads the next lines of the first open file input whose trigger has room, as messages for that
 * trigger: at most `room` lines, and no more once they hold `maxBytes` of text (at least one line).
 * Nothing is queued: the caller runs them and commits `advanceOf(chunk)` with their steps, so the file
 * offset moves exactly with what was handed on.
 */
export function readChunk(runId: string, open: RunInput[], room: (triggerId: string) => number, maxBytes = Number.POSITIVE_INFINITY): FileChunk | undefined {
  for (const input of open) {
    if (input.filePath === null) continue;
    const limit = room(input.triggerId);
    if (limit <= 0) continue;
    const messages: ClaimedMessage[] = [];
    const ends: FileChunk['ends'] = [];
    let endOffset = input.byteOffset;
    let lastLine = input.line;
    let finished = true;
    let bytes = 0;
    for (const line of readJsonLines(input.filePath, input.byteOffset, input.line)) {
      const id = triggerMessageId(runId, input.ordinal, line.line);
      messages.push({ id, payload: line.text, attempt: 1, idempotencyKey: id, attemptsJson: null });
      endOffset = line.endOffset;
      lastLine = line.line;
      ends.push({ offset: endOffset, line: lastLine });
      bytes += line.text.length;
      if (messages.length >= limit || bytes >= maxBytes) {
        finished = false;
        break;
      }
    }
    return { runId, ordinal: input.ordinal, triggerId: input.triggerId, messages, ends, endOffset, lastLine, ingested: input.ingested + messages.length, finished };
  }
  return undefined;
}

/**
 * The input's new position once the first `handed` (≥ 1) of the chunk's messages commit, all by default:
 * a batch that stopped early (its byte budget, ./execute-batch.ts) leaves the rest of the lines to be read again.
 */
export function advanceOf(chunk: FileChunk, handed = chunk.messages.length): InputAdvance {
  const end = handed < chunk.messages.length ? chunk.ends[handed - 1] : undefined;
  if (end === undefined) {
    return { runId: chunk.runId, ordinal: chunk.ordinal, byteOffset: chunk.endOffset, line: chunk.lastLine, ingested: chunk.ingested, done: chunk.finished };
  }
  const ingested = chunk.ingested - (chunk.messages.length - handed);
  return { runId: chunk.runId, ordinal: chunk.ordinal, byteOffset: end.offset, line: end.line, ingested, done: false };
}
