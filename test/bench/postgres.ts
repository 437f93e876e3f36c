// `npm run bench -- postgres` (DESIGN.md §10, docs/scale-out.md): the PostgreSQL store's figures on a
// private cluster (test/support/postgres.ts), beside SQLite's for the same work:
// - single process: the map → filter → map flow over N orders from JSON lines, SQLite vs PostgreSQL;
// - 1, 2 and 4 `pipewright worker` processes sharing one run of N orders (on a two-core machine this
//   shows the cost per message and the price of coordination, not scaling);
// - webhook intake: `serve --db … --no-worker`, 64 clients for 10 s, durable 202s per second.
// Not a test: nothing passes or fails on timing. Prints a table and writes test/bench/results/postgres.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Engine, openEngine, openPostgresStore, type EngineStore } from '../../main/engine/index.js';
import { serializeFlow } from '../../shared/flow/serialize.js';
import type { FlowDocument } from '../../shared/flow/schema.js';
import { createDatabaseIfMissing, startPostgres, withDatabase, type PostgresCluster } from '../support/postgres.js';
import { benchFlow, order, writeOrdersJsonl } from './workload.js';

const quick = process.argv.includes('--quick');
const COUNT = quick ? 20_000 : 100_000;
const WORKERS = [1, 2, 4];
const INTAKE_SECONDS = quick ? 5 : 10;

type Figures = Record<string, number | string>;

async function singleProcess(kind: 'sqlite' | 'postgres', cluster: PostgresCluster): Promise<Figures> {
  const workspace = mkdtempSync(join(tmpdir(), 'pipewright-bench-pg-'));
  try {
    const input = join(workspace, 'orders.jsonl');
    await writeOrdersJsonl(input, COUNT);
    let engine: Engine;
    if (kind === 'sqlite') {
      engine = openEngine({ workspace });
    } else {
      const url = withDatabase(cluster.url(), 'bench_single');
      await createDatabaseIfMissing(url);
      engine = new Engine(await openPostgresStore(url), { workspace });
    }
    try {
      const started = performance.now();
      const runId = await engine.startRun({ flow: benchFlow('errors'), inputs: [{ triggerId: 'orders', jsonlFile: input }] });
      const report = await engine.drive(runId);
      const seconds = (performance.now() - started) / 1000;
      return { store: kind, messages: COUNT, status: report.status, seconds, rate: COUNT / seconds, usPerMessage: (seconds * 1e6) / COUNT };
    } finally {
      await engine.close();
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

function startCli(args: string[]): { child: ChildProcess; ready: Promise<void>; stop(): Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/bin.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pipewright ${args[0]} did not start in 30 s:\n${out}\n${err}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes('Press Ctrl+C to stop.')) return;
      clearTimeout(timer);
      resolve();
    });
    child.on('exit', (code) => reject(new Error(`pipewright ${args[0]} exited (${code}):\n${out}\n${err}`)));
  });
  ready.catch(() => undefined);
  return {
    child, ready,
    stop: () => new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.once('exit', () => {
        clearTimeout(timer);
        done();
      });
      child.kill('SIGTERM');
    }),
  };
}

/** `workers` worker processes, started and idle first; then one run of COUNT orders, timed to its end. */
async function sharedRun(cluster: PostgresCluster, workers: number): Promise<Figures> {
  const url = withDatabase(cluster.url(), `bench_workers_${workers}`);
  await createDatabaseIfMissing(url);
  const workspace = mkdtempSync(join(tmpdir(), 'pipewright-bench-workers-'));
  const store: EngineStore = await openPostgresStore(url, { sharedRuns: true });
  const engine = new Engine(store, { workspace });
  const children = Array.from({ length: workers }, () => startCli(['--workspace', workspace, 'worker', '--db', url, '--poll-ms', '200']));
  try {
    await Promise.all(children.map((c) => c.ready));
    const messages = Array.from({ length: COUNT }, (_, i) => order(i));
    const started = performance.now();
    const runId = await engine.startRun({ flow: benchFlow('errors'), inputs: [{ triggerId: 'orders', messages }] });
    // Queuing the run's messages (one transaction) is not the workers' work: timed on its own.
    const queued = performance.now();
    const deadline = Date.now() + 15 * 60_000;
    let status = 'running';
    while (status === 'running' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await store.runs.find(runId))?.status ?? 'missing';
    }
    const seconds = (performance.now() - queued) / 1000;
    return { workers, messages: COUNT, status, queueSeconds: (queued - started) / 1000, seconds, rate: COUNT / seconds, usPerMessage: (seconds * 1e6) / COUNT };
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await engine.close();
    rmSync(workspace, { recursive: true, force: true });
  }
}

function intakeFlow(): FlowDocument {
  const flow = benchFlow('errors');
  return {
    ...flow, id: 'intake',
    // The backlog is the point here: no worker runs, so the queue may grow past the default bound.
    nodes: flow.nodes.map((node) => (node.id === 'orders' ? { ...node, type: 'trigger.webhook', queueLimit: 10_000_000 } : node)),
  };
}

/** `serve --db … --no-worker` taking webhooks from 64 clients: durable acknowledgements per second. */
async function webhookIntake(cluster: PostgresCluster): Promise<Figures> {
  const url = withDatabase(cluster.url(), 'bench_intake');
  await createDatabaseIfMissing(url);
  const workspace = mkdtempSync(join(tmpdir(), 'pipewright-bench-intake-'));
  mkdirSync(join(workspace, 'flows'));
  writeFileSync(join(workspace, 'flows', 'intake.flow.json'), serializeFlow(intakeFlow()));
  const server = startCli(['--workspace', workspace, 'serve', '--port', '0', '--db', url, '--no-worker']);
  let out = '';
  server.child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  try {
    await server.ready;
    const base = /^designer: (\S+)$/m.exec(out)?.[1] ?? '';
    const bodies = Array.from({ length: 100 }, (_, i) => JSON.stringify(order(i)));
    let next = 0;
    const load = (duration: number): Promise<autocannon.Result> => autocannon({
      url: new URL('hooks/intake/orders', base).toString(), method: 'POST', connections: 64, duration,
      headers: { 'content-type': 'application/json' },
      requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] as string }) }],
    });
    await load(2);
    const result = await load(INTAKE_SECONDS);
    return {
      seconds: INTAKE_SECONDS, connections: 64, acksPerSecond: result['2xx'] / INTAKE_SECONDS, non2xx: result.non2xx,
      p50Ms: result.latency.p50, p99Ms: result.latency.p99,
    };
  } finally {
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
}

const fmt = (n: unknown, digits = 0): string => (typeof n === 'number' ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : String(n));

async function main(): Promise<void> {
  const cluster = await startPostgres();
  try {
    process.stderr.write('bench postgres: single process, SQLite…\n');
    const sqlite = await singleProcess('sqlite', cluster);
    process.stderr.write('bench postgres: single process, PostgreSQL…\n');
    const postgres = await singleProcess('postgres', cluster);
    const workers: Figures[] = [];
    for (const count of WORKERS) {
      process.stderr.write(`bench postgres: ${count} worker(s)…\n`);
      workers.push(await sharedRun(cluster, count));
    }
    process.stderr.write('bench postgres: webhook intake…\n');
    const intake = await webhookIntake(cluster);

    const rows: Array<[string, string]> = [
      [`single process, SQLite (${fmt(COUNT)} orders, trace "errors")`, `${fmt(sqlite.rate)} msg/s  (${fmt(sqlite.usPerMessage, 1)} µs per message)`],
      ['single process, PostgreSQL', `${fmt(postgres.rate)} msg/s  (${fmt(postgres.usPerMessage, 1)} µs per message, ${fmt(Number(postgres.rate) / Number(sqlite.rate) * 100)}% of SQLite)`],
      ...workers.map((w): [string, string] => [`${w.workers} worker process(es), one shared run`, `${fmt(w.rate)} msg/s  (${fmt(w.usPerMessage, 1)} µs per message, ${w.status}; queuing the run took ${fmt(w.queueSeconds, 1)} s)`]),
      [`webhook intake, serve --no-worker, 64 clients: durable 202/s, p50 / p99`, `${fmt(intake.acksPerSecond)} /s, ${fmt(intake.p50Ms)} / ${fmt(intake.p99Ms)} ms (${fmt(intake.non2xx)} not 2xx)`],
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    process.stdout.write(`\nPipewright PostgreSQL benchmark (${new Date().toISOString()}, node ${process.version})\n\n`);
    for (const [label, value] of rows) process.stdout.write(`  ${label.padEnd(width)}  ${value}\n`);
    const dir = join('test', 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'postgres.json');
    writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), sqlite, postgres, workers, intake }, null, 2)}\n`);
    process.stdout.write(`\nwritten to ${file}\n`);
  } finally {
    await cluster.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
