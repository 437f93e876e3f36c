// Scale-out proofs (DESIGN.md §8): three `pipewright worker` processes share a 100,000-message run and
// move each message's local steps exactly once (counted in the database); a run finishes after its
// PostgreSQL was restarted in the middle of it. The run is started by this process on the shared store;
// the workers find it there, with its flow version.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, openPostgresStore, type EngineStore } from '../../../main/engine/index.js';
import { chain } from '../../fixtures/engine/workspace.js';
import { createDatabaseIfMissing, postgresCheck, startPostgres, withDatabase, type PostgresCluster } from '../../support/postgres.js';
import { startPipewright, waitUntil, type CliProcess } from './cli-process.js';

const postgres = postgresCheck();

const flow = chain('orders', [
  ['in', 'trigger.manual'],
  ['double', 'transform.map', { expression: '{ "id": id, "total": total * 2 }' }],
  ['big', 'transform.filter', { condition: 'id % 4 != 0' }],
  ['out', 'transform.map', { expression: '{ "id": id }' }],
], { settings: { trace: 'errors' } });

describe.skipIf(!postgres.present)('workers on a shared PostgreSQL store', () => {
  let cluster: PostgresCluster;
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-workers-'));
  const processes: CliProcess[] = [];
  const engines: Engine[] = [];

  beforeAll(async () => {
    cluster = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    for (const process of processes) await process.stop('SIGKILL').catch(() => undefined);
    for (const engine of engines) await engine.close().catch(() => undefined);
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh database with a run of `count` orders started on it (not driven here). */
  async function startedRun(database: string, count: number): Promise<{ url: string; store: EngineStore; engine: Engine; runId: string }> {
    const url = withDatabase(cluster.url(), database);
    await createDatabaseIfMissing(url);
    const store = await openPostgresStore(url, { sharedRuns: true });
    const engine = new Engine(store, { workspace: dir });
    engines.push(engine);
    const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'in', messages: Array.from({ length: count }, (_, id) => ({ id, total: id })) }] });
    return { url, store, engine, runId };
  }

  const worker = async (url: string): Promise<CliProcess> => {
    const started = await startPipewright(['--workspace', dir, 'worker', '--db', url, '--poll-ms', '200'], dir);
    processes.push(started);
    return started;
  };

  async function expectEachOnce(store: EngineStore, runId: string, count: number): Promise<void> {
    const expected = Array.from({ length: count }, (_, id) => id).filter((id) => id % 4 !== 0);
    expect(await store.runs.outputCounts(runId)).toEqual({ out: expected.length });
    const ids = (await store.runs.outputs(runId, count)).map((row) => (JSON.parse(row.payload) as { id: number }).id);
    expect(new Set(ids).size).toBe(expected.length);
    // One step row per message and node: nothing repeated, nothing lost.
    const steps = Object.fromEntries((await store.traces.nodeSummaries(runId)).map((sum) => [sum.nodeId, sum.steps]));
    expect(steps).toEqual({ in: count, double: count, big: count, out: expected.length });
  }

  it('moves each of 100,000 messages through map → filter → map exactly once with three workers', async () => {
    const count = 100_000;
    const { url, store, engine, runId } = await startedRun('hundred_thousand', count);
    const workers = await Promise.all([worker(url), worker(url), worker(url)]);
    const finished = await waitUntil(async () => (await store.runs.find(runId))?.status !== 'running', 400_000);
    expect(finished, workers.map((w) => w.stderr()).join('\n')).toBe(true);
    expect((await engine.report(runId)).status).toBe('succeeded');
    await expectEachOnce(store, runId, count);
    for (const stopped of await Promise.all(workers.map((w) => w.stop()))) expect(stopped.code, stopped.stderr).toBe(0);
  }, 480_000);

  it('releases its leases at once on SIGTERM, so the next worker goes on without waiting for them to run out', async () => {
    const count = 40_000;
    const { url, store, runId } = await startedRun('sigterm', count);
    const first = await worker(url);
    expect(await waitUntil(async () => ((await store.runs.outputCounts(runId)).out ?? 0) > 0, 60_000)).toBe(true);
    const stopped = await first.stop('SIGTERM');
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stderr).toContain('leases are released');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ left: string; claimed: string }>(
        'SELECT count(*) AS left, count(*) FILTER (WHERE claimed_by IS NOT NULL) AS claimed FROM messages WHERE run_id = $1', [runId],
      );
      expect(Number(rows[0]?.left)).toBeGreaterThan(0);
      expect(Number(rows[0]?.claimed)).toBe(0);
    } finally {
      await client.end();
    }
    await worker(url);
    expect(await waitUntil(async () => (await store.runs.find(runId))?.status === 'succeeded', 120_000)).toBe(true);
    await expectEachOnce(store, runId, count);
  }, 240_000);

  it('finishes a run once PostgreSQL is back after a restart in the middle of it', async () => {
    const count = 30_000;
    const { url, store, runId } = await startedRun('restarted', count);
    const running = await worker(url);
    expect(await waitUntil(async () => ((await store.runs.outputCounts(runId)).out ?? 0) > 0, 60_000)).toBe(true);
    await cluster.restart(1500);
    const finished = await waitUntil(async () => (await store.runs.find(runId).catch(() => undefined))?.status === 'succeeded', 120_000);
    expect(finished, running.stderr()).toBe(true);
    // The worker said what happened, and that the database answers again.
    expect(running.stderr()).toMatch(/STATE_DB_UNAVAILABLE|cannot use the state database/);
    expect(running.stderr()).toContain('answers again');
    await expectEachOnce(store, runId, count);
    const stopped = await running.stop();
    expect(stopped.code, stopped.stderr).toBe(0);
  }, 240_000);
});
