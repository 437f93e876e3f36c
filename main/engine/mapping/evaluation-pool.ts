// A pool of evaluation processes (./evaluation-process.ts) with a watchdog (DESIGN.md §5 "Isolation").
// Evaluations asked for in the same turn of the event loop travel together, split over the idle
// processes, so a batch of 500 messages costs a round trip per node, not per message. A process whose
// chunk stops reporting for longer than its time limit (plus a grace) is killed; one that dies by
// itself ran out of memory. Either way it is replaced; the tasks it had not answered yet run again as
// suspects, in a chunk that reports after every task, so the next loss names the task that was running:
// it fails with PW-TIMEOUT or PW-MEMORY and the innocent ones simply get their answer. A runaway
// built-in costs its own message two time limits, and no other message anything but a wait.
import { fork, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { availableParallelism } from 'node:os';
import { DEFAULT_MAPPING_TIMEOUT_MS, memoryFailure, timeoutFailure } from '../../../shared/jsonata/guarded-evaluator.js';
import { evaluationEntry } from './process-entry.js';
import type { ChildReport, ChildSettings, ChunkRequest, EvaluationFailureData, EvaluationTask, TaskOutcome } from './protocol.js';
import { DEFAULT_MAX_RESULT_CHARS } from './result-limit.js';

export interface EvaluationPoolOptions {
  /** Evaluation processes at most (default: cores − 1, at least 2, so one stuck process blocks nothing). */
  size?: number;
  /** V8 heap of each process, in MB (default 1,024: a 50 MB payload must still fit, parsed). */
  memoryMb?: number;
  /** Longest JSON text a result may have (default 64 Mi characters: a 50 MB payload still passes). */
  maxResultChars?: number;
  /** Time a silent process gets beyond the task's own limit before it is killed (default 1,000 ms). */
  graceMs?: number;
  /** Tasks sent to one process at once at most (default 500). */
  maxChunk?: number;
}

type NewTask = Omit<EvaluationTask, 'id'>;

interface Pending {
  task: EvaluationTask;
  resolve: (outcome: TaskOutcome) => void;
  /** Was unanswered in a process that was lost: runs again with other suspects, reported one by one. */
  suspect: boolean;
}

interface Member {
  process: ChildProcess;
  ready: boolean;
  /** The chunk it is running, by task id in the order sent; tasks leave as their results arrive. */
  running: Map<number, Pending> | undefined;
  /** The chunk reports after every task (suspects): the first unanswered one is the one running. */
  eager: boolean;
  watchdog: NodeJS.Timeout | undefined;
  /** Why we killed it, when we did. */
  killedFor: 'timeout' | 'close' | undefined;
  stderr: string;
}

/** A slow rate of moving and parsing JSON text (characters per millisecond), so a big payload is never taken for a stuck one. */
const CHARS_PER_MS = 2_000;

const DEFAULTS = { memoryMb: 1024, maxResultChars: DEFAULT_MAX_RESULT_CHARS, graceMs: 1000, maxChunk: 500 } as const;

export class EvaluationPool {
  private readonly size: number;
  private readonly settings: ChildSettings;
  private readonly graceMs: number;
  private readonly maxChunk: number;
  private readonly members = new Set<Member>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private dispatchScheduled = false;
  private closed = false;

  constructor(options: EvaluationPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.max(2, Math.min(4, availableParallelism() - 1)));
    this.settings = { memoryMb: options.memoryMb ?? DEFAULTS.memoryMb, maxResultChars: options.maxResultChars ?? DEFAULTS.maxResultChars };
    this.graceMs = options.graceMs ?? DEFAULTS.graceMs;
    this.maxChunk = options.maxChunk ?? DEFAULTS.maxChunk;
  }

  /** Evaluates one task in a process; never rejects: every way it can fail is an outcome. */
  run(task: NewTask): Promise<TaskOutcome> {
    const id = this.nextId++;
    if (this.closed) return Promise.resolve(lost(id, 'PW-ERROR', 'the evaluation processes were shut down', task.expression));
    return new Promise<TaskOutcome>((resolve) => {
      this.queue.push({ task: { ...task, id }, resolve, suspect: false });
      this.scheduleDispatch();
    });
  }

  /** Starts the processes ahead of the first evaluation (an engine opening): a start costs up to a second under tsx. */
  warm(): void {
    if (this.closed) return;
    try {
      while (this.members.size < this.size) this.idle(this.spawn());
    } catch {
      // Reported to the first evaluation instead (dispatch spawns again and fails its tasks).
    }
  }

  /** Processes alive now (for tests and metrics). */
  get processCount(): number {
    return this.members.size;
  }

  /** Stops every process; tasks still waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.resolve(lost(pending.task.id, 'PW-ERROR', 'the evaluation processes were shut down', pending.task.expression));
    const exits = [...this.members].map((member) => new Promise<void>((resolve) => {
      if (member.process.exitCode !== null || member.process.signalCode !== null) resolve();
      else {
        member.process.once('exit', () => resolve());
        member.killedFor = 'close';
        member.process.kill('SIGKILL');
      }
    }));
    await Promise.all(exits);
  }

  private scheduleDispatch(): void {
    if (this.dispatchScheduled) return;
    this.dispatchScheduled = true;
    // setImmediate, not a microtask: every step of a batch asks for its evaluation before we send.
    setImmediate(() => {
      this.dispatchScheduled = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    if (this.closed || this.queue.length === 0) return;
    while (this.members.size < this.size && this.notBusy() < this.queue.length) {
      try {
        this.spawn();
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        for (const pending of this.queue.splice(0)) pending.resolve(lost(pending.task.id, 'PW-ERROR', why, pending.task.expression));
        return;
      }
    }
    for (const member of this.members) if (!member.ready) this.hold(member);
    const idle = this.idleMembers();
    if (idle.length === 0) return;
    const share = Math.min(this.maxChunk, Math.ceil(this.queue.length / idle.length));
    for (const member of idle) {
      if (this.queue.length === 0) break;
      // Suspects travel together, apart from new work, so the next loss names exactly one of them.
      const suspects = (this.queue[0] as Pending).suspect;
      let count = 0;
      while (count < share && count < this.queue.length && (this.queue[count] as Pending).suspect === suspects) count++;
      this.send(member, this.queue.splice(0, count), suspects);
    }
  }

  private idleMembers(): Member[] {
    return [...this.members].filter((member) => member.ready && member.running === undefined);
  }

  /** Processes idle or still starting: the work they can take without a new one. */
  private notBusy(): number {
    let count = 0;
    for (const member of this.members) if (member.running === undefined) count++;
    return count;
  }

  private send(member: Member, chunk: Pending[], eager: boolean): void {
    member.running = new Map(chunk.map((pending) => [pending.task.id, pending]));
    member.eager = eager;
    this.hold(member);
    const request: ChunkRequest = eager ? { tasks: chunk.map((pending) => pending.task), eager } : { tasks: chunk.map((pending) => pending.task) };
    member.process.send(request);
    this.armWatchdog(member);
  }

  /** Restarted whenever the process reports: it is stuck only when it stays silent too long. */
  private armWatchdog(member: Member): void {
    if (member.watchdog !== undefined) clearTimeout(member.watchdog);
    let limit = 0;
    let chars = 0;
    for (const pending of member.running?.values() ?? []) {
      limit = Math.max(limit, pending.task.timeoutMs ?? DEFAULT_MAPPING_TIMEOUT_MS);
      chars += pending.task.input?.length ?? 0;
    }
    // Moving and parsing the inputs is not the expression's time: a 50 MB payload takes a while to arrive.
    limit += Math.ceil(chars / CHARS_PER_MS);
    member.watchdog = setTimeout(() => {
      member.killedFor = 'timeout';
      member.process.kill('SIGKILL');
    }, limit + this.graceMs);
  }

  private spawn(): Member {
    const member: Member = { process: startProcess(this.settings), ready: false, running: undefined, eager: false, watchdog: undefined, killedFor: undefined, stderr: '' };
    this.members.add(member);
    const child = member.process;
    // Never keeps the host alive; read only to explain a process that could not start.
    (child.stderr as Socket | null)?.unref();
    child.stderr?.on('data', (chunk: Buffer) => {
      // The last few KB only: enough to say why a process could not start.
      member.stderr = (member.stderr + chunk.toString('utf8')).slice(-4096);
    });
    child.on('message', (report: ChildReport) => this.onReport(member, report));
    child.on('exit', (code, signal) => this.onExit(member, code, signal));
    child.on('error', () => {
      // 'exit' follows when the process existed; when it never started, fail what waits for it.
      if (child.pid === undefined) this.onExit(member, null, null);
    });
    // Started for queued work: it keeps the host alive until it has taken that work (or is idle).
    return member;
  }

  private onReport(member: Member, report: ChildReport): void {
    if (report.ready === true) {
      member.ready = true;
      this.dispatch();
      if (member.running === undefined) this.idle(member);
      return;
    }
    for (const outcome of report.results) {
      const pending = member.running?.get(outcome.id);
      if (pending === undefined) continue;
      member.running?.delete(outcome.id);
      pending.resolve(outcome);
    }
    if (!report.done) {
      this.armWatchdog(member);
      return;
    }
    if (member.watchdog !== undefined) clearTimeout(member.watchdog);
    member.watchdog = undefined;
    member.running = undefined;
    this.idle(member);
    this.dispatch();
  }

  private onExit(member: Member, code: number | null, signal: NodeJS.Signals | null): void {
    if (!this.members.delete(member)) return;
    if (member.watchdog !== undefined) clearTimeout(member.watchdog);
    const unanswered = [...(member.running?.values() ?? [])];
    member.running = undefined;
    if (!member.ready && member.killedFor === undefined) {
      // It never started (a broken installation): fail what waits rather than respawn for ever.
      const why = `the evaluation process could not start (${describeExit(code, signal)}): ${member.stderr.trim().split('\n').slice(-3).join(' ')}`;
      for (const pending of this.queue.splice(0)) pending.resolve(lost(pending.task.id, 'PW-ERROR', why, pending.task.expression));
      return;
    }
    if (member.killedFor === 'close') return;
    if (unanswered.length === 0) return this.scheduleDispatch();
    // Reported one by one, or alone: the first unanswered task was running, so it did it. Otherwise
    // which one did is not known, and they all run again as suspects, ahead of new work.
    if (member.eager || unanswered.length === 1) {
      const culprit = unanswered.shift() as Pending;
      culprit.resolve(member.killedFor === 'timeout' ? timedOut(culprit.task) : outOfMemory(culprit.task, code, signal, this.settings.memoryMb));
    }
    for (const pending of unanswered) pending.suspect = true;
    this.queue.unshift(...unanswered);
    this.scheduleDispatch();
  }

  /** A process with work (or work waiting for it) keeps the host alive. */
  private hold(member: Member): void {
    member.process.ref();
    member.process.channel?.ref();
  }

  /** An idle process does not keep the host alive (a CLI run ends when its work does). */
  private idle(member: Member): void {
    member.process.unref();
    member.process.channel?.unref();
  }
}

/** Starts one evaluation process from the entry ./process-entry.ts found for this installation. */
function startProcess(settings: ChildSettings): ChildProcess {
  const { file, execArgv } = evaluationEntry();
  return fork(file, [JSON.stringify(settings)], { execArgv: [...execArgv, `--max-old-space-size=${settings.memoryMb}`], serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
}

function timedOut(task: EvaluationTask): TaskOutcome {
  const failure = timeoutFailure(task.expression, task.timeoutMs ?? DEFAULT_MAPPING_TIMEOUT_MS);
  return { id: task.id, ok: false, failure: { code: failure.jsonataCode, message: failure.message, range: failure.range } };
}

function outOfMemory(task: EvaluationTask, code: number | null, signal: NodeJS.Signals | null, memoryMb: number): TaskOutcome {
  const failure = memoryFailure(task.expression, `its evaluation process, limited to ${memoryMb} MB, ended with ${describeExit(code, signal)}`);
  return { id: task.id, ok: false, failure: { code: failure.jsonataCode, message: failure.message, range: failure.range } };
}

function lost(id: number, code: string, message: string, expression: string): TaskOutcome {
  const failure: EvaluationFailureData = { code, message, range: { start: 0, end: expression.length } };
  return { id, ok: false, failure };
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal !== null ? `signal ${signal}` : `exit code ${code ?? 'unknown'}`;
}
