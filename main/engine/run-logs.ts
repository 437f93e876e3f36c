// The run log: output.log lines, node log calls and engine notices, stored with the step that wrote
// them (so a step repeated after a crash logs once) and handed to the host's onLog as they happen.
import { cappedText } from './json-text.js';
import type { Redaction } from './redaction.js';
import type { LogRow } from './store/types.js';
import type { LogLevel } from './types.js';

export interface RunLogLine {
  at: string;
  nodeId?: string;
  level: LogLevel;
  message: string;
}

/** The stored form of one line (capped, redacted) and the characters it stores. */
export function logRow(nodeId: string | undefined, line: { at: string; level: LogLevel; message: string; data?: unknown }, redaction: Redaction): { row: LogRow; bytes: number } {
  const message = cappedMessage(redaction.text(line.message));
  let data: string | null = null;
  if (line.data !== undefined) {
    try {
      data = redaction.json(cappedText(JSON.stringify(line.data) ?? 'null'));
    } catch {
      data = null;
    }
  }
  return { row: { nodeId: nodeId ?? null, at: line.at, level: line.level, message, data }, bytes: 48 + message.length + (data?.length ?? 0) };
}

export function toRunLogLine(row: LogRow): RunLogLine {
  return row.nodeId === null
    ? { at: row.at, level: row.level, message: row.message }
    : { at: row.at, nodeId: row.nodeId, level: row.level, message: row.message };
}

function cappedMessage(message: string): string {
  return message.length <= 8192 ? message : `${message.slice(0, 8192)}… (${message.length} characters)`;
}
