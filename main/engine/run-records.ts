// The runs table: one row per run with its flow version, kind, status, owner and running counters.
// `owner` + `heartbeat_at` are the run's lease: the process driving it renews the heartbeat; another
// process may take the run over only once that owner is dead (same host) or its heartbeat is older
// than the lease time.
import { PipewrightError } from '../../shared/errors.js';
import type { RunKind, RunStatus } from './types.js';
import type { StateDatabase } from './store/database.js';

export interface RunRecord {
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
}

export interface NewRun {
  id: string;
  flowId: string;
  flowVersion: number;
  flowPath?: string | undefined;
  kind: RunKind;
  owner: string;
  received: number;
}

export class RunRecords {
  private readonly insertStatement;
  private readonly getStatement;
  private readonly claimStatement;
  private readonly heartbeatStatement;
  private readonly addStatement;
  private readonly finishStatement;
  private readonly pendingInputs;
  private readonly ownerStatement;

  constructor(db: StateDatabase) {
    this.insertStatement = db.prepare(
      `INSERT INTO runs (id, flow_id, flow_version, flow_path, kind, status, owner, heartbeat_at, started_at, received)
       VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)`,
    );
    this.getStatement = db.prepare<[string], RunRecord>('SELECT * FROM runs WHERE id = ?');
    this.claimStatement = db.prepare<[string, number, string, string | null]>(
      `UPDATE runs SET owner = ?, heartbeat_at = ?, status = 'running', finished_at = NULL WHERE id = ? AND owner IS ?`,
    );
    this.ownerStatement = db.prepare<[string], { owner: string | null }>('SELECT owner FROM runs WHERE id = ?');
    this.heartbeatStatement = db.prepare<[number, string, string]>('UPDATE runs SET heartbeat_at = ? WHERE id = ? AND owner = ?');
    this.addStatement = db.prepare<[number, number, number, number, string]>(
      'UPDATE runs SET processed = processed + ?, dead = dead + ?, stored_bytes = stored_bytes + ?, heartbeat_at = ? WHERE id = ?',
    );
    this.finishStatement = db.prepare<[string, string | null, string, string]>('UPDATE runs SET status = ?, finished_at = ?, owner = NULL WHERE id = ? AND owner = ?');
    this.pendingInputs = db.prepare<[string], { n: number | null }>('SELECT sum(total - ingested) AS n FROM run_inputs WHERE run_id = ?');
  }

  insert(run: NewRun): void {
    this.insertStatement.run(run.id, run.flowId, run.flowVersion, run.flowPath ?? null, run.kind, run.owner, Date.now(), new Date().toISOString(), run.received);
  }

  get(runId: string): RunRecord {
    const row = this.getStatement.get(runId);
    if (!row) throw new PipewrightError('RUN_NOT_FOUND', `run "${runId}" does not exist in this workspace (see \`pipewright runs\`)`);
    return row;
  }

  find(runId: string): RunRecord | undefined {
    return this.getStatement.get(runId);
  }

  /**
   * Takes the run's lease from `previous` (compare-and-swap): false when someone else took it first.
   * From here until `finish`, only `owner` may commit steps of this run.
   */
  takeOwnership(runId: string, owner: string, previous: string | null): boolean {
    return this.claimStatement.run(owner, Date.now(), runId, previous).changes > 0;
  }

  ownerOf(runId: string): string | null | undefined {
    return this.ownerStatement.get(runId)?.owner;
  }

  heartbeat(runId: string, owner: string): void {
    this.heartbeatStatement.run(Date.now(), runId, owner);
  }

  addCounts(runId: string, processed: number, dead: number, storedBytes: number): void {
    this.addStatement.run(processed, dead, storedBytes, Date.now(), runId);
  }

  /** Ends `owner`'s drive of the run with its status and gives up the lease. */
  finish(runId: string, owner: string, status: RunStatus): void {
    this.finishStatement.run(status, status === 'succeeded' || status === 'failed' ? new Date().toISOString() : null, runId, owner);
  }

  /** Input lines validated but not yet queued. */
  notYetIngested(runId: string): number {
    return this.pendingInputs.get(runId)?.n ?? 0;
  }
}
