// The run log: output.log lines, node log calls and engine notices, stored with the step that wrote
// them (so a step repeated after a crash logs once) and handed to the host's onLog as they happen.
import { cappedText } from './json-text.js';
import { NO_REDACTION, type Redaction } from './redaction.js';
import type { StateDatabase } from './store/database.js';
import type { LogLevel } from './types.js';

export interface RunLogLine {
  at: string;
  nodeId?: string;
  level: LogLevel;
  message: string;
}

export class RunLogs {
  private readonly insertStatement;
  private readonly selectStatement;

  /** Lines are stored without secrets (./redaction.ts). */
  constructor(db: StateDatabase, private readonly redaction: Redaction = NO_REDACTION) {
    this.insertStatement = db.prepare('INSERT INTO logs (run_id, node_id, at, level, message, data) VALUES (?, ?, ?, ?, ?, ?)');
    this.selectStatement = db.prepare<[string], { at: string; node_id: string | null; level: LogLevel; message: string }>(
      'SELECT at, node_id, level, message FROM logs WHERE run_id = ? ORDER BY seq',
    );
  }

  /** Returns the characters stored. */
  write(runId: string, nodeId: string | undefined, line: { at: string; level: LogLevel; message: string; data?: unknown }): number {
    const message = cappedMessage(this.redaction.text(line.message));
    let data: string | null = null;
    if (line.data !== undefined) {
      try {
        data = this.redaction.json(cappedText(JSON.stringify(line.data) ?? 'null'));
      } catch {
        data = null;
      }
    }
    this.insertStatement.run(runId, nodeId ?? null, line.at, line.level, message, data);
    return 48 + message.length + (data?.length ?? 0);
  }

  list(runId: string): RunLogLine[] {
    return this.selectStatement.all(runId).map((row) => (row.node_id === null
      ? { at: row.at, level: row.level, message: row.message }
      : { at: row.at, nodeId: row.node_id, level: row.level, message: row.message }));
  }
}

function cappedMessage(message: string): string {
  return message.length <= 8192 ? message : `${message.slice(0, 8192)}… (${message.length} characters)`;
}
