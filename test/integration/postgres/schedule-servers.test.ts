// A schedule fires each instant once across all servers (DESIGN.md §3, §8): two `serve --db`
// processes on one PostgreSQL activate the same every-second schedule; the firing record is the lock,
// so every instant reaches the flow's end once, whichever server took it.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainFlow, Workspace } from '../cli/cli-harness.js';
import { postgresCheck, startPostgres, type PostgresCluster } from '../../support/postgres.js';
import { startPipewright, type CliProcess } from './cli-process.js';

const postgres = postgresCheck();

describe.skipIf(!postgres.present)('a schedule on two servers sharing PostgreSQL', () => {
  let cluster: PostgresCluster;
  const workspaces = [new Workspace('pipewright-schedule-a-'), new Workspace('pipewright-schedule-b-')];
  const processes: CliProcess[] = [];
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    for (const process of processes) await process.stop('SIGKILL').catch(() => undefined);
    await cluster?.stop();
    for (const ws of workspaces) ws.remove();
  });

  it('fires every instant once, whichever server took it', async () => {
    for (const ws of workspaces) {
      ws.write('flows/tick.flow.json', chainFlow('tick', [
        ['clock', 'trigger.schedule', { cron: '* * * * * *' }],
        ['stamp', 'transform.map', { expression: '{ "at": firedAt }' }],
      ]));
    }
    for (const ws of workspaces) processes.push(await startPipewright(['--workspace', ws.dir, 'serve', '--port', '0', '--db', cluster.url()], ws.dir));
    await new Promise((resolve) => setTimeout(resolve, 5000));
    for (const process of processes) {
      const end = await process.stop();
      expect(end.code, end.stderr).toBe(0);
    }
    const client = new pg.Client({ connectionString: cluster.url() });
    await client.connect();
    try {
      const runs = await client.query<{ id: string }>(`SELECT id FROM runs WHERE kind = 'live'`);
      // Each server activated the flow: a live run each.
      expect(runs.rowCount).toBe(2);
      const firings = await client.query<{ instant: string }>('SELECT instant FROM schedule_firings');
      const outputs = await client.query<{ payload: string }>(`SELECT payload FROM run_outputs`);
      const stamps = outputs.rows.map((row) => (JSON.parse(row.payload) as { at: string }).at);
      expect(firings.rowCount).toBeGreaterThanOrEqual(2);
      expect(new Set(stamps).size).toBe(stamps.length);
      // One message per recorded instant: delivered, or still queued when the servers stopped.
      const queued = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM messages')).rows[0]?.n);
      expect(stamps.length + queued).toBe(firings.rowCount);
      expect(stamps.length).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  }, 120_000);
});
