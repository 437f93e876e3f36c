// One benchmark scenario per child process, so each peak RSS (VmHWM) belongs to that scenario alone.
// Usage: tsx test/bench/scenarios.ts <plain|mapping|engine|latency|backlog|webhook|cli> [count] [trace] [in-process]
// `trace` is full, errors or default (the flow sets none: the run kind's default applies).
// `in-process` evaluates mappings in the engine's own process (test/bench/isolation.ts's switch), so
// the figure is the engine's own per-message cost. Prints one JSON object on stdout.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import jsonata from 'jsonata';
import { createMappingEvaluator, openEngine } from '../../main/engine/index.js';
import { FILTER, MAP_IN, MAP_OUT, benchFlow, order, writeOrdersJsonl } from './workload.js';

function peakRssMb(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : process.memoryUsage().rss / 1024 / 1024;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** The same three mappings, evaluated in a plain loop with no engine around them. */
async function plainLoop(count: number): Promise<object> {
  const mapIn = jsonata(MAP_IN);
  const filter = jsonata(FILTER);
  const mapOut = jsonata(MAP_OUT);
  let passed = 0;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const mapped: unknown = await mapIn.evaluate(order(i));
    if (await filter.evaluate(mapped)) {
      await mapOut.evaluate(mapped);
      passed++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { messages: count, passed, seconds, rate: count / seconds, peakRssMb: peakRssMb() };
}

/** µs per evaluation of MAP_IN with the compiled expression cached vs compiled every time. */
async function mappingCost(count: number): Promise<object> {
  const compiled = jsonata(MAP_IN);
  let started = performance.now();
  for (let i = 0; i < count; i++) await compiled.evaluate(order(i));
  const cachedUs = ((performance.now() - started) * 1000) / count;
  started = performance.now();
  for (let i = 0; i < count; i++) await jsonata(MAP_IN).evaluate(order(i));
  const uncachedUs = ((performance.now() - started) * 1000) / count;
  return { messages: count, cachedUs, uncachedUs };
}

function withWorkspace<T>(body: (workspace: string) => Promise<T>): Promise<T> {
  const workspace = mkdtempSync(join(tmpdir(), 'pipewright-bench-'));
  return body(workspace).finally(() => rmSync(workspace, { recursive: true, force: true }));
}

/** Durable throughput: `count` orders ingested from JSON lines and driven through the flow. */
async function engineThroughput(count: number, trace: 'full' | 'errors' | 'default', inProcess: boolean): Promise<object> {
  return withWorkspace(async (workspace) => {
    const input = join(workspace, 'orders.jsonl');
    await writeOrdersJsonl(input, count);
    const engine = openEngine({ workspace, ...(inProcess ? { mapping: createMappingEvaluator() } : {}) });
    try {
      const started = performance.now();
      const runId = await engine.startRun({ flow: benchFlow(trace === 'default' ? undefined : trace), kind: 'run', inputs: [{ triggerId: 'orders', jsonlFile: input }] });
      const report = await engine.drive(runId);
      const seconds = (performance.now() - started) / 1000;
      // Read before the trace read-out below, which is not part of running the flow.
      const peak = peakRssMb();
      const steps = (await engine.traces(runId, { nodeId: 'toErp', limit: 100_000 })).map((t) => t.durationMs).sort((a, b) => a - b);
      return {
        messages: count,
        trace,
        evaluation: inProcess ? 'in-process' : 'isolated',
        status: report.status,
        steps: report.counts.processed,
        seconds,
        rate: count / seconds,
        stepP50Ms: percentile(steps, 50),
        stepP99Ms: percentile(steps, 99),
        peakRssMb: peak,
        stateBytesPerMessage: stateBytes(workspace) / count,
      };
    } finally {
      engine.close();
    }
  });
}

/** Bytes of the workspace's state database (with its write-ahead log), as it stands on disk. */
function stateBytes(workspace: string): number {
  const dir = join(workspace, '.pipewright');
  return readdirSync(dir).filter((name) => name.startsWith('state.db')).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

/**
 * The whole `pipewright run FLOW --input orders.jsonl --jsonl` process, start-up included, on the bench
 * flow with no trace setting (the batch run's default): `tsx` as run from the repository (`npm run -s
 * cli`, TypeScript compiled on the fly), `built` as the installed command runs (`npm run build`'s
 * dist/main/cli/bin.js under plain node; the caller builds it first).
 */
async function cliRun(count: number, form: 'tsx' | 'built'): Promise<object> {
  return withWorkspace(async (workspace) => {
    const input = join(workspace, 'orders.jsonl');
    await writeOrdersJsonl(input, count);
    mkdirSync(join(workspace, 'flows'));
    const flowFile = join(workspace, 'flows', 'bench.flow.json');
    writeFileSync(flowFile, JSON.stringify(benchFlow(), null, 2));
    const command = form === 'built' ? [resolve(import.meta.dirname, '../../dist/main/cli/bin.js')] : ['--import', 'tsx', resolve(import.meta.dirname, '../../main/cli/bin.ts')];
    const started = performance.now();
    const child = spawnSync(process.execPath, [...command, '--workspace', workspace, 'run', flowFile, '--input', input, '--jsonl'], {
      stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 30 * 60_000,
    });
    const seconds = (performance.now() - started) / 1000;
    if (child.status !== 0) throw new Error(`pipewright run exited with ${child.status ?? child.signal}: ${child.stderr.slice(-2000)}`);
    const bytes = stateBytes(workspace);
    return { messages: count, seconds, rate: count / seconds, stateBytes: bytes, stateBytesPerMessage: bytes / count };
  });
}

/** End-to-end latency of one message through the durable flow, as a webhook caller would see it. */
async function singleMessageLatency(count: number): Promise<object> {
  return withWorkspace(async (workspace) => {
    const engine = openEngine({ workspace });
    try {
      const flow = benchFlow('errors');
      const latencies: number[] = [];
      for (let i = 0; i < count; i++) {
        const started = performance.now();
        const runId = await engine.startRun({ flow, inputs: [{ triggerId: 'orders', messages: [order(i)] }] });
        await engine.drive(runId);
        latencies.push(performance.now() - started);
      }
      latencies.sort((a, b) => a - b);
      return { messages: count, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
    } finally {
      engine.close();
    }
  });
}

async function main(): Promise<void> {
  const [scenario, countText, trace, evaluation] = process.argv.slice(2);
  const count = Number(countText ?? 100_000);
  let result: object;
  switch (scenario) {
    case 'plain':
      result = await plainLoop(count);
      break;
    case 'mapping':
      result = await mappingCost(count);
      break;
    case 'engine':
    case 'backlog':
      result = await engineThroughput(count, trace === 'full' || trace === 'default' ? trace : 'errors', evaluation === 'in-process');
      break;
    case 'cli':
      // `cli <count> [tsx|built]`
      result = await cliRun(count, trace === 'built' ? 'built' : 'tsx');
      break;
    case 'latency':
      result = await singleMessageLatency(count);
      break;
    case 'webhook':
      // `webhook <seconds of sustained load> <requests in the spike>`
      result = await (await import('./webhook-intake.js')).webhookIntake({ seconds: count, spike: Number(trace ?? 50_000) });
      break;
    default:
      throw new Error(`unknown scenario ${scenario ?? '(none)'}`);
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
