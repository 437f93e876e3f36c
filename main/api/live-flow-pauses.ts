// Which live flows an operator paused (DESIGN.md §4 "Live flows", "Pausing"): kept in
// `<workspace>/.pipewright/paused-flows.json` beside the server's token, so a paused flow stays paused
// across restarts, redeploys and saves until it is resumed. A file of the workspace, not a table of the
// state database: pausing is the operator's setting for this server, like its token, and the store's
// schema belongs to the engine. Written atomically; a damaged file is reported, never guessed at.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PipewrightError } from '../../shared/errors.js';
import { writeFileAtomically } from '../files/atomic-write.js';

interface PausesFile {
  format: 'pipewright/paused-flows@1';
  /** Flow id → when it was paused (ISO). */
  paused: Record<string, string>;
}

const FORMAT = 'pipewright/paused-flows@1';

export function pausesPath(workspace: string): string {
  return join(workspace, '.pipewright', 'paused-flows.json');
}

export class LiveFlowPauses {
  private readonly paused: Map<string, string>;

  constructor(private readonly workspace: string) {
    this.paused = readPauses(pausesPath(workspace));
  }

  /** When the flow was paused (ISO), or undefined while it is not. */
  since(flowId: string): string | undefined {
    return this.paused.get(flowId);
  }

  /** Records the pause on disk before it answers; pausing a paused flow keeps its first time. */
  pause(flowId: string, at: Date = new Date()): string {
    const known = this.paused.get(flowId);
    if (known !== undefined) return known;
    const since = at.toISOString();
    this.paused.set(flowId, since);
    this.write();
    return since;
  }

  /** Removes the pause from disk; false when the flow was not paused. */
  resume(flowId: string): boolean {
    if (!this.paused.delete(flowId)) return false;
    this.write();
    return true;
  }

  private write(): void {
    const file: PausesFile = { format: FORMAT, paused: Object.fromEntries([...this.paused].sort(([a], [b]) => a.localeCompare(b))) };
    writeFileAtomically(pausesPath(this.workspace), `${JSON.stringify(file, null, 2)}\n`);
  }
}

function readPauses(path: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  const damaged = (why: string): PipewrightError => new PipewrightError('PAUSES_DAMAGED', `${path} is damaged (${why}): fix it, or delete it to resume every paused flow`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw damaged((error as Error).message);
  }
  const file = value as Partial<PausesFile> | null;
  if (typeof file !== 'object' || file === null || file.format !== FORMAT || typeof file.paused !== 'object' || file.paused === null) throw damaged(`not a ${FORMAT} file`);
  const entries = Object.entries(file.paused);
  if (entries.some(([, since]) => typeof since !== 'string')) throw damaged('each paused flow needs the time it was paused');
  return new Map(entries);
}
