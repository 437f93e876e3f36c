// Stateful steps on a shared run (docs/scale-out.md "Stateful steps"): three `pipewright worker`
// processes work one live run whose messages pass a store.get → store.put de-duplication and a
// count-closed aggregate window. Every id passes once however often it is sent, every window is emitted
// once with exactly its items, and no item is lost or doubled — also when a worker is SIGKILLed while
// it may hold the exclusive claim (the others wait for its lease to run out, 30 s, then go on).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, openPostgresStore, type EngineStore } from '../../../main/engine/index.js';
import type { FlowDocument } from '../../../shared/flow/schema.js';
import { createDatabaseIfMissing, postgresCheck, startPostgres, withDatabase, type PostgresCluster } from '../../support/postgres.js';
import { startPipewright, waitUntil, type CliProcess } from './cli-process.js';

const postgres = postgresCheck();

/** Distinct ids; each is sent twice. A multiple of the window's count, so every window closes by count. */
const IDS = 1_000;
const WINDOW = 10;

const flow: FlowDocument = {
  format: 'pipewright/flow@1',
  id: 'dedupe-windows',
  name: 'dedupe-windows',
  nodes: [
    { id: 'in', type: 'trigger.manual', position: [0, 0], config: {} },
    { id: 'seen', type: 'store.get', position: [200, 0], config: { store: 'seen', key: 'id' } },
    { id: 'mark', type: 'store.put', position: [400, 0], config: { store: 'seen', key: 'id' } },
    { id: 'window', type: 'transform.aggregate', position: [600, 0], config: { count: WINDOW, maxItems: 10_000 } },
  ],
  // A message found in `seen` leaves by its unconnected `out` port: a duplicate stops there.
  edges: [{ from: 'in', to: 'seen' }, { from: 'seen', port: 'missing', to: 'mark' }, { from: 'mark', to: 'window' }],
  settings: { trace: 'errors' },
};

describe.skipIf(!postgres.present)('stateful steps on a shared run', () => {
  let cluster: PostgresCluster;
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-stateful-'));
  const processes: CliProcess[] = [];
  let engine: Engine | undefined;

  beforeAll(async () => {
    cluster = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    for (const process of processes) await process.stop('SIGKILL').catch(() => undefined);
    await engine?.close().catch(() => undefined);
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const worker = async (url: string): Promise<CliProcess> => {
    const started = await startPipewright(['--workspace', dir, 'worker', '--db', url, '--poll-ms', '200'], dir);
    processes.push(started);
    return started;
  };
  const batch = (from: number, to: number, copy: number): Array<{ id: number; copy: number }> =>
    Array.from({ length: to - from }, (_, i) => ({ id: from + i, copy }));

  it('emits every window once with all its items and passes every id once, through a SIGKILL of one of three workers', async () => {
    const url = withDatabase(cluster.url(), 'stateful');
    await createDatabaseIfMissing(url);
    const store: EngineStore = await openPostgresStore(url, { sharedRuns: true });
    engine = new Engine(store, { workspace: dir });
    // This process is the intake: it holds the live run open; the workers drive it.
    const activation = await engine.activate(flow);
    // One after the other: three starting at once on a busy two-core machine can miss the banner's 30 s.
    const workers = [await worker(url), await worker(url), await worker(url)];
    const processed = async (): Promise<number> => (await store.runs.find(activation.runId))?.processed ?? 0;

    // The first half, each id twice (the second copy a batch later), while all three work.
    for (let from = 0; from < IDS / 2; from += 100) {
      await activation.send('in', batch(from, from + 100, 1));
      await activation.send('in', batch(from, from + 100, 2));
    }
    expect(await waitUntil(async () => (await processed()) >= IDS / 2, 120_000), workers.map((w) => w.stderr()).join('\n')).toBe(true);
    const killed = await workers[0]!.stop('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    // The second half, duplicates of the first half among them, while the survivors work.
    for (let from = IDS / 2; from < IDS; from += 100) {
      await activation.send('in', batch(from, from + 100, 1));
      await activation.send('in', batch(from - IDS / 2, from - IDS / 2 + 100, 3));
      await activation.send('in', batch(from, from + 100, 2));
    }
    await activation.deactivate();
    // Drained: every window emitted and nothing left queued (the windows' timers included).
    const drained = async (): Promise<boolean> =>
      (await store.runs.outputCounts(activation.runId)).window === IDS / WINDOW && (await store.queue.countInRun(activation.runId)) === 0;
    const finished = await waitUntil(drained, 180_000);
    const where = async (): Promise<string> =>
      `processed ${await processed()}, queued ${JSON.stringify(Object.fromEntries(await store.queue.depthByNode(activation.runId)))}\n${workers.map((w) => w.stderr()).join('\n')}`;
    expect(finished, await where()).toBe(true);

    const windows = (await store.runs.outputs(activation.runId, IDS)).map((row) => JSON.parse(row.payload) as { items: Array<{ id: number; copy: number }> });
    expect(windows).toHaveLength(IDS / WINDOW);
    expect(windows.filter((window) => window.items.length !== WINDOW)).toEqual([]);
    const ids = windows.flatMap((window) => window.items.map((item) => item.id)).sort((a, b) => a - b);
    expect(ids).toEqual(Array.from({ length: IDS }, (_, id) => id));
    for (const survivor of workers.slice(1)) expect((await survivor.stop()).code).toBe(0);
  }, 420_000);
});
