// The host's source for trigger.file (DESIGN.md §3 trigger.file, §4 "Live flows"): watches one folder
// and feeds each settled file matching the pattern into the flow's live run. fs.watch only says "look
// again soon"; what decides is a scan of the folder, which also runs on a timer, because watch events
// are lost on network file systems and in some containers. A file is taken once its size and
// modification time stayed the same for settleMs, read and parsed (./file-intake.ts), and its messages
// are queued in ONE emit whose idempotency key names the file's identity (name, inode, size, mtime):
// a crash between the commit and the move to `done/` finds the file again on the next start, and its
// re-emit is a duplicate that queues nothing. Files are taken one at a time, in name order, and only
// while the flow's live run holds fewer messages than the trigger's queue bound (./backlog-gauge.ts):
// past it they stay in the folder, where the disk holds the backlog, until the queue drains.
import { watch, type BigIntStats, type FSWatcher } from 'node:fs';
import { lstat, mkdir, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, isAbsolute, sep } from 'node:path';
import picomatch from 'picomatch';
import { FILE_TRIGGER_DONE_DIR, FILE_TRIGGER_FAILED_DIR, type TriggerFileConfig } from '../../shared/catalog/kinds/trigger-file.js';
import { PipewrightError } from '../../shared/errors.js';
import type { FlowNode } from '../../shared/flow/schema.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import { createFilePolicy } from '../engine/node-services/file-policy.js';
import type { FilePolicy, TriggerEmitter, TriggerSource } from '../engine/types.js';
import { BacklogGauge, type BacklogReader } from './backlog-gauge.js';
import { fileIdentity, fileSignature, moveInto, readMessages, UnreadableFile } from './file-intake.js';

export interface FileSourceOptions {
  /** Folders a trigger may watch; the first is the workspace, where a relative `dir` starts. */
  roots: string[];
  /** One line per file taken or failed, and per problem, for the host's log. */
  log?: (line: string) => void;
  /** The fallback scan's period when no file is waiting to settle (default 2 s). */
  pollMs?: number;
}

const DEFAULT_POLL_MS = 2000;
/** A burst of watch events becomes one scan. */
const WATCH_DEBOUNCE_MS = 50;
/** Files looked at per scan (the first by name); the rest wait until these have moved out. */
const MAX_FILES_PER_SCAN = 1000;
/** A file whose queueing or move failed is tried again after this long. */
const RETRY_MS = 10_000;
/** Folders of the workspace that hold Pipewright's own files: never watched. */
const OWN_FOLDERS = ['flows', '.pipewright'];

/** The folder each running source watches (real path → source): two triggers must not race for one folder. */
const watchedFolders = new Map<string, FolderWatch>();

/** The factory `pipewright serve` registers for trigger.file. */
export function fileSourceFactory(options: FileSourceOptions): (node: FlowNode, config: unknown, live?: BacklogReader) => TriggerSource {
  return (node, config, live) => new FolderWatch(node, config as TriggerFileConfig, options, BacklogGauge.of(node, live));
}

interface Seen {
  signature: string;
  /** When this signature was first seen (ms): the file is settled settleMs later. */
  since: number;
  /** Not tried again before this (after a failed queueing or move). */
  notBefore: number;
}

class FolderWatch implements TriggerSource {
  private emitter: TriggerEmitter | undefined;
  private folder = '';
  private readonly policy: FilePolicy;
  private readonly matches: (name: string) => boolean;
  private readonly seen = new Map<string, Seen>();
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private pass: Promise<void> | undefined;
  private lookAgain = false;
  private stopped = false;
  /** Set while settled files wait for the queue to drain (logged once per wait). */
  private waitingForQueue = false;

  constructor(
    private readonly node: FlowNode,
    private readonly config: TriggerFileConfig,
    private readonly options: FileSourceOptions,
    private readonly backlog: BacklogGauge,
  ) {
    this.policy = createFilePolicy(options.roots);
    this.matches = picomatch(config.pattern);
  }

  async start(emitter: TriggerEmitter): Promise<void> {
    this.emitter = emitter;
    this.folder = await this.watchedFolder();
    const holder = watchedFolders.get(this.folder);
    // A redeploy starts the new version's source before the old one stops: the same trigger takes over.
    if (holder && (holder.emitter?.flowId !== emitter.flowId || holder.node.id !== this.node.id)) {
      throw new PipewrightError('CONFLICT', `${this.label()}: the folder ${this.config.dir} is already watched by trigger "${holder.node.id}" of flow "${holder.emitter?.flowId ?? '?'}"; two triggers would race for its files: give each its own folder`);
    }
    watchedFolders.set(this.folder, this);
    try {
      this.watcher = watch(this.folder, { persistent: false }, () => this.schedule(WATCH_DEBOUNCE_MS));
      this.watcher.on('error', () => this.unwatch());
    } catch {
      this.watcher = undefined; // The timer's scans still find every file.
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unwatch();
    clearTimeout(this.timer);
    // A file being taken finishes: its messages are queued and it is moved, or it stays for the next start.
    await this.pass;
    if (watchedFolders.get(this.folder) === this) watchedFolders.delete(this.folder);
  }

  /** The folder's real path, created when missing, inside the roots and outside Pipewright's own folders. */
  private async watchedFolder(): Promise<string> {
    const outside = (): PipewrightError => new PipewrightError('FILE_OUTSIDE_ROOTS', `${this.label()}: the folder ${this.config.dir} is outside the folders this host allows (${this.policy.roots.join(', ')})`);
    const wanted = await this.policy.resolve(this.config.dir).catch(() => Promise.reject(outside()));
    const existing = await stat(wanted).catch(() => undefined);
    if (existing !== undefined && !existing.isDirectory()) throw new PipewrightError('FILE_FAILED', `${this.label()}: ${this.config.dir} is a file, not a folder`);
    await mkdir(wanted, { recursive: true });
    const real = await realpath(wanted);
    // Checked again on the real path: a link created since, or the mkdir, must not lead out.
    await this.policy.resolve(real).catch(() => Promise.reject(outside()));
    const workspace = await realpath(this.policy.roots[0] as string).catch(() => this.policy.roots[0] as string);
    if (real === workspace || OWN_FOLDERS.some((own) => isInside(join(workspace, own), real))) {
      throw new PipewrightError('FILE_FAILED', `${this.label()}: the folder ${this.config.dir} holds Pipewright's own files (flows, state, credentials): watch a folder of its own, such as inbox`);
    }
    return real;
  }

  /** Scans after `ms`, unless a scan is due sooner; a scan running now is followed by another. */
  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.pass) {
      if (ms <= WATCH_DEBOUNCE_MS) this.lookAgain = true;
      return;
    }
    const at = Date.now() + ms;
    if (this.timer !== undefined && this.timerAt <= at) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => this.runPass(), ms);
    this.timer.unref();
  }

  private runPass(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    this.lookAgain = false;
    this.pass = this.scan()
      .catch((error: unknown) => this.log(`cannot scan ${this.config.dir}: ${(error as Error).message}`))
      .finally(() => {
        this.pass = undefined;
        this.schedule(this.lookAgain ? WATCH_DEBOUNCE_MS : this.nextScanIn());
      });
  }

  /** Notes each matching file's signature and takes those that have settled. */
  private async scan(): Promise<void> {
    const entries = await readdir(this.folder, { withFileTypes: true });
    // Sub-folders (done/, failed/) and symbolic links are not files to take.
    const names = entries.filter((entry) => entry.isFile() && this.matches(entry.name)).map((entry) => entry.name).sort().slice(0, MAX_FILES_PER_SCAN);
    const present = new Set(names);
    for (const name of this.seen.keys()) if (!present.has(name)) this.seen.delete(name);
    const now = Date.now();
    const settled: Array<[string, BigIntStats]> = [];
    for (const name of names) {
      const stats = await lstat(join(this.folder, name), { bigint: true }).catch(() => undefined);
      if (!stats?.isFile()) continue;
      const signature = fileSignature(stats);
      const known = this.seen.get(name);
      if (known?.signature !== signature) this.seen.set(name, { signature, since: now, notBefore: 0 });
      else if (now - known.since >= this.config.settleMs && now >= known.notBefore) settled.push([name, stats]);
    }
    for (const [index, [name, stats]] of settled.entries()) {
      if (this.stopped || watchedFolders.get(this.folder) !== this) return;
      if (!(await this.backlog.admit({ fresh: true }))) return this.waitForQueue(settled.length - index);
      let queued = 0;
      try {
        queued = await this.take(name, stats);
      } finally {
        this.backlog.settled(queued);
      }
    }
    if (this.waitingForQueue && settled.length > 0) this.log('the queue drained: taking files again');
    this.waitingForQueue = false;
  }

  /** Leaves settled files in the folder while the flow's queue is full; the next scans look again. */
  private waitForQueue(files: number): void {
    if (this.waitingForQueue) return;
    this.waitingForQueue = true;
    this.log(`${files} file${files === 1 ? '' : 's'} wait in ${this.config.dir}: ${this.backlog.limit.toLocaleString('en-US')} or more messages wait in the flow (the queue bound of "${this.node.id}"); taken once they drain`);
  }

  /**
   * Queues a settled file's messages and moves it to done/, or moves it to failed/ with the reason.
   * Returns how many messages it queued.
   */
  private async take(name: string, stats: BigIntStats): Promise<number> {
    const path = join(this.folder, name);
    let messages: unknown[] | undefined;
    try {
      messages = await readMessages(path, name, stats, this.config);
    } catch (error) {
      if (error instanceof UnreadableFile) await this.fail(name, error.message);
      else {
        this.log(`cannot read ${name}: ${(error as Error).message}`);
        this.retryLater(name);
      }
      return 0;
    }
    if (messages === undefined) {
      this.seen.delete(name); // Changed while being read: it has not settled after all.
      return 0;
    }
    let taken = 0;
    try {
      const emitter = this.emitter as TriggerEmitter;
      const queued = messages.length === 0 ? { duplicate: false } : await emitter.emit(messages, { idempotencyKey: fileIdentity(name, stats) });
      taken = queued.duplicate ? 0 : messages.length;
      const moved = await moveInto(this.folder, FILE_TRIGGER_DONE_DIR, name);
      this.seen.delete(name);
      if (moved === undefined) return taken;
      const count = `${messages.length} message${messages.length === 1 ? '' : 's'}`;
      this.log(queued.duplicate ? `${name} was already queued (${count}) before a restart: moved to ${FILE_TRIGGER_DONE_DIR}/${moved}` : `took ${name}: ${count} queued, moved to ${FILE_TRIGGER_DONE_DIR}/${moved}`);
      return taken;
    } catch (error) {
      this.log(`${name} stays in ${this.config.dir} and is tried again: ${(error as Error).message}`);
      this.retryLater(name);
      return taken;
    }
  }

  private async fail(name: string, reason: string): Promise<void> {
    const at = new Date().toISOString();
    try {
      const moved = await moveInto(this.folder, FILE_TRIGGER_FAILED_DIR, name, async (finalName) => {
        const text = [
          `${name} was not queued: ${reason}`,
          '',
          `Watched folder: ${this.config.dir} (trigger "${this.node.id}" of flow "${this.emitter?.flowId ?? '?'}"), ${at}.`,
          `Fix the file and put it back into ${this.config.dir} to have it read again.`,
          '',
        ].join('\n');
        writeFileAtomically(join(this.folder, FILE_TRIGGER_FAILED_DIR, `${finalName}.error.txt`), text);
      });
      this.seen.delete(name);
      if (moved !== undefined) this.log(`${name} moved to ${FILE_TRIGGER_FAILED_DIR}/${moved}: ${reason}`);
    } catch (error) {
      this.log(`${name} cannot be read (${reason}) nor moved to ${FILE_TRIGGER_FAILED_DIR}/: ${(error as Error).message}`);
      this.retryLater(name);
    }
  }

  private retryLater(name: string): void {
    const known = this.seen.get(name);
    if (known) known.notBefore = Date.now() + RETRY_MS;
  }

  /** Soon when a file is waiting to settle, else the fallback period. */
  private nextScanIn(): number {
    const poll = this.options.pollMs ?? DEFAULT_POLL_MS;
    let next = poll;
    const now = Date.now();
    for (const known of this.seen.values()) next = Math.min(next, Math.max(known.since + this.config.settleMs, known.notBefore) - now);
    return Math.max(WATCH_DEBOUNCE_MS, next);
  }

  private unwatch(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }

  private label(): string {
    return `trigger "${this.node.id}"`;
  }

  private log(line: string): void {
    this.options.log?.(`flow "${this.emitter?.flowId ?? '?'}" ${this.label()}: ${line}`);
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
