// The PostgreSQL store below and beside the engine (DESIGN.md §8): its schema is created once when
// several processes open an empty database together; an unreachable or newer database is a clear
// STATE_DB_* error; on a shared store, concurrent claimers get different messages, a lease that ran
// out lets another take the message, and two engines working one run move each message once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, openPostgresStore, type EngineStore } from '../../../main/engine/index.js';
import { migrations } from '../../../main/engine/store/postgres/migrations.js';
import { chain } from '../../fixtures/engine/workspace.js';
import { createDatabaseIfMissing, postgresCheck, startPostgres, withDatabase, type PostgresCluster } from '../../support/postgres.js';

const postgres = postgresCheck();

describe.skipIf(!postgres.present)('the PostgreSQL store', () => {
  let cluster: PostgresCluster;
  const stores: EngineStore[] = [];
  let databases = 0;
  /** A fresh database's URL. */
  const freshDatabase = async (): Promise<string> => {
    databases += 1;
    const url = withDatabase(cluster.url(), `shared_${databases}`);
    await createDatabaseIfMissing(url);
    return url;
  };
  const open = async (url: string, sharedRuns = true): Promise<EngineStore> => {
    const store = await openPostgresStore(url, { sharedRuns });
    stores.push(store);
    return store;
  };
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    for (const store of stores) await store.close().catch(() => undefined);
    await cluster?.stop();
  });

  it('creates the schema once when several processes open an empty database at the same time', async () => {
    const url = await freshDatabase();
    await Promise.all(Array.from({ length: 4 }, () => open(url)));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((row) => row.version)).toEqual(migrations.map((m) => m.version));
    } finally {
      await client.end();
    }
  });

  it('reports a database it cannot reach as STATE_DB_UNAVAILABLE, without the password', async () => {
    const url = new URL(cluster.url());
    url.port = String(Number(url.port) === 65535 ? 65534 : Number(url.port) + 1);
    const error = await openPostgresStore(url.toString(), { connectTimeoutMs: 3000 }).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'STATE_DB_UNAVAILABLE' });
    expect((error as Error).message).toContain(`127.0.0.1:${url.port}`);
    expect((error as Error).message).not.toContain(cluster.password);
  });

  it('refuses a database a newer Pipewright migrated', async () => {
    const url = await freshDatabase();
    await (await open(url)).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', 'now')`);
    await client.end();
    await expect(openPostgresStore(url)).rejects.toMatchObject({ code: 'STATE_DB_TOO_NEW' });
  });

  it('gives concurrent claimers different messages, and a message whose lease ran out to the next one', async () => {
    const store = await open(await freshDatabase());
    const message = (id: string): { id: string; runId: string; nodeId: string; payload: string; idempotencyKey: string } => ({ id, runId: 'r', nodeId: 'in', payload: '{}', idempotencyKey: id });
    await store.unitOfWork(async (tx) => {
      await tx.insertRun({ id: 'r', flowId: 'f', flowVersion: 1, kind: 'live', owner: 'intake', received: 0 });
      await tx.enqueue(Array.from({ length: 100 }, (_, i) => message(`m${i}`)));
    });
    const claims = await Promise.all(['a', 'b', 'c', 'd'].map((owner) => store.queue.claim({ runId: 'r', nodeId: 'in', limit: 40, owner, leaseMs: 60_000 })));
    const ids = claims.flat().map((m) => m.id);
    expect(ids).toHaveLength(100);
    expect(new Set(ids).size).toBe(100);

    // A lease that ran out: another claimer takes the message, and the first one's commit moves nothing.
    await store.unitOfWork((tx) => tx.enqueue([message('late')]));
    const [slow] = await store.queue.claim({ runId: 'r', nodeId: 'in', limit: 1, owner: 'slow', leaseMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [quick] = await store.queue.claim({ runId: 'r', nodeId: 'in', limit: 1, owner: 'quick', leaseMs: 60_000 });
    expect(quick?.id).toBe('late');
    const unit = { seq: slow!.seq!, processed: 1, dead: 0, storedBytes: 0, enqueue: [{ ...message('late/next'), nodeId: 'next' }] };
    expect(await store.queue.commit({ runId: 'r', owner: 'slow', units: [unit] })).toEqual({ skipped: [0] });
    expect(await store.queue.commit({ runId: 'r', owner: 'quick', units: [unit] })).toEqual({ skipped: [] });
    expect((await store.queue.depthByNode('r')).get('next')).toBe(1);
  });

  it('moves each message of a run once when two engines work it together', async () => {
    const url = await freshDatabase();
    const [first, second] = [new Engine(await open(url)), new Engine(await open(url))];
    const flow = chain('shared', [
      ['in', 'trigger.manual'],
      ['double', 'transform.map', { expression: '{ "id": id, "n": n * 2 }' }],
      ['even', 'transform.filter', { condition: 'id % 3 != 0' }],
      ['out', 'transform.map', { expression: '{ "id": id }' }],
    ]);
    const count = 3000;
    const runId = await first.startRun({ flow, inputs: [{ triggerId: 'in', messages: Array.from({ length: count }, (_, id) => ({ id, n: id })) }] });
    const stop = new AbortController();
    const errors: unknown[] = [];
    const working = [first, second].map((engine) => engine.work({ signal: stop.signal, pollMs: 100, onError: (error) => errors.push(error) }));
    const deadline = Date.now() + 60_000;
    let status = 'running';
    while (status === 'running' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await first.report(runId)).status;
    }
    stop.abort();
    await Promise.all(working);
    expect(errors).toEqual([]);
    expect(status).toBe('succeeded');
    const store = stores.at(-1)!;
    const ids = (await store.runs.outputs(runId, count)).map((row) => (JSON.parse(row.payload) as { id: number }).id);
    const expected = Array.from({ length: count }, (_, id) => id).filter((id) => id % 3 !== 0);
    expect(ids.sort((a, b) => a - b)).toEqual(expected);
    // Both engines did part of it: each step row names the message it moved, once.
    const steps = await store.traces.steps(runId, { nodeId: 'double', limit: count * 2 });
    expect(new Set(steps.map((step) => step.messageId)).size).toBe(steps.length);
    await Promise.all([first.close(), second.close()]);
  }, 90_000);

  it('tries a run whose drive fails again after a growing backoff, not at every poll', async () => {
    const store = await open(await freshDatabase());
    // A run of a flow version this database does not have: every drive of it fails.
    await store.unitOfWork((tx) => tx.insertRun({ id: 'orphan', flowId: 'gone', flowVersion: 7, kind: 'run', owner: 'elsewhere', received: 0 }));
    const engine = new Engine(store);
    const stop = new AbortController();
    const errors: unknown[] = [];
    const working = engine.work({ signal: stop.signal, pollMs: 20, onError: (error) => errors.push(error) });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    stop.abort();
    await working;
    // Polled ~120 times; tried at 0, ~1 s and ~3 s at most.
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.length).toBeLessThanOrEqual(3);
    expect(errors[0]).toMatchObject({ code: 'FLOW_VERSION_NOT_FOUND' });
  });

  it('hands each line of a file input on once when two engines read it at the same time', async () => {
    const url = await freshDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'pipewright-shared-input-'));
    try {
      const file = join(dir, 'orders.jsonl');
      const count = 4000;
      writeFileSync(file, `${Array.from({ length: count }, (_, id) => JSON.stringify({ id })).join('\n')}\n`);
      const options = { workspace: dir, batchSize: 100 };
      const [first, second] = [new Engine(await open(url), options), new Engine(await open(url), options)];
      const flow = chain('lines', [['in', 'trigger.manual'], ['out', 'transform.map', { expression: '{ "id": id }' }]], { settings: { trace: 'errors' } });
      const runId = await first.startRun({ flow, inputs: [{ triggerId: 'in', jsonlFile: file }] });
      // Both drive the run from its first line: they race for every chunk.
      const reports = await Promise.all([first.drive(runId), second.drive(runId)]);
      expect(reports.map((report) => report.counts.pending)).toEqual([0, 0]);
      const store = stores.at(-1)!;
      expect(await store.runs.outputCounts(runId)).toEqual({ out: count });
      const ids = (await store.runs.outputs(runId, count)).map((row) => (JSON.parse(row.payload) as { id: number }).id);
      expect(new Set(ids).size).toBe(count);
      expect((await store.runs.find(runId))?.processed).toBe(count * 2);
      await Promise.all([first.close(), second.close()]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
