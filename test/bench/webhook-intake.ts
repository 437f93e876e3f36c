// Webhook intake (DESIGN.md §10, issue "Live flows on a server"): the real `pipewright serve` in a
// child process on 127.0.0.1, a workspace with one webhook flow (webhook → map → filter → map, trace
// "errors"), and autocannon in this process as 64 concurrent clients. Two figures:
// - sustained: durable 202s per second and the latency percentiles, over a fixed time;
// - spike: `spike` requests as fast as 64 clients can send them, with the server's RSS sampled every
//   100 ms (the backlog must live on disk, so RSS stays flat). The trigger's queueLimit is raised for
//   the spike so every request is taken and the backlog grows as large as the spike makes it.
// Set PIPEWRIGHT_BENCH_CPU_PROFILE=<dir> to have the server write a V8 CPU profile there on exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import type { FlowDocument } from '../../shared/flow/schema.js';
import { serializeFlow } from '../../shared/flow/serialize.js';
import { FILTER, MAP_IN, MAP_OUT, order } from './workload.js';

const CONNECTIONS = 64;

export interface WebhookIntakeOptions {
  /** Seconds of sustained load measured (after a 2 s warm-up). */
  seconds: number;
  /** Requests in the spike. */
  spike: number;
}

function intakeFlow(queueLimit: number): FlowDocument {
  return {
    format: 'pipewright/flow@1',
    id: 'intake',
    name: 'Benchmark: webhook → map → filter → map',
    settings: { trace: 'errors' },
    nodes: [
      { id: 'orders', type: 'trigger.webhook', position: [0, 0], config: {}, queueLimit },
      { id: 'toErp', type: 'transform.map', position: [260, 0], config: { expression: MAP_IN } },
      { id: 'big', type: 'transform.filter', position: [520, 0], config: { condition: FILTER } },
      { id: 'shape', type: 'transform.map', position: [780, 0], config: { expression: MAP_OUT } },
    ],
    edges: [
      { from: 'orders', to: 'toErp' },
      { from: 'toErp', to: 'big' },
      { from: 'big', to: 'shape' },
    ],
  };
}

interface Server {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

async function startServer(workspace: string): Promise<Server> {
  const profileDir = process.env.PIPEWRIGHT_BENCH_CPU_PROFILE;
  const node = ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`] : [])];
  const child = spawn(process.execPath, [...node, 'main/cli/bin.ts', '--workspace', workspace, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in 30 s:\n${out}\n${err}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /^designer: (\S+)$/m.exec(out);
      if (found && err.includes('is live')) {
        clearTimeout(timer);
        resolveUrl(found[1] as string);
      }
    });
    child.stderr?.on('data', () => {
      const found = /^designer: (\S+)$/m.exec(out);
      if (found && err.includes('is live')) {
        clearTimeout(timer);
        resolveUrl(found[1] as string);
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}):\n${out}\n${err}`)));
  });
  return {
    child, url,
    stop: () => new Promise<void>((done) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.once('exit', () => {
        clearTimeout(timer);
        done();
      });
      child.kill('SIGTERM');
    }),
  };
}

function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

function load(url: string, options: { duration?: number; amount?: number }): Promise<autocannon.Result> {
  const bodies = Array.from({ length: 100 }, (_, i) => JSON.stringify(order(i)));
  let next = 0;
  return autocannon({
    url: new URL('hooks/intake/orders', url).toString(),
    method: 'POST',
    connections: CONNECTIONS,
    headers: { 'content-type': 'application/json' },
    ...(options.amount === undefined ? { duration: options.duration ?? 10 } : { amount: options.amount }),
    requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] as string }) }],
  });
}

/** One measurement on a fresh workspace and server. */
async function measure(queueLimit: number, run: (server: Server) => Promise<object>): Promise<object> {
  const workspace = mkdtempSync(join(tmpdir(), 'pipewright-bench-webhook-'));
  try {
    mkdirSync(join(workspace, 'flows'));
    writeFileSync(join(workspace, 'flows', 'intake.flow.json'), serializeFlow(intakeFlow(queueLimit)));
    const server = await startServer(workspace);
    try {
      return await run(server);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

export async function webhookIntake(options: WebhookIntakeOptions): Promise<object> {
  const sustained = await measure(10_000, async (server) => {
    await load(server.url, { duration: 2 });
    const result = await load(server.url, { duration: options.seconds });
    return {
      seconds: options.seconds,
      connections: CONNECTIONS,
      acksPerSecond: result['2xx'] / options.seconds,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      maxMs: result.latency.max,
      serverRssMb: rssMb(server.child.pid as number, 'VmRSS'),
    };
  });
  const spike = await measure(10_000_000, async (server) => {
    const pid = server.child.pid as number;
    const before = rssMb(pid, 'VmRSS');
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssMb(pid, 'VmRSS')), 100);
    const started = performance.now();
    const result = await load(server.url, { amount: options.spike });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const sorted = samples.filter((n) => !Number.isNaN(n)).sort((a, b) => a - b);
    return {
      requests: options.spike,
      seconds,
      acksPerSecond: result['2xx'] / seconds,
      acks: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      p99Ms: result.latency.p99,
      rssBeforeMb: before,
      rssMedianMb: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
      rssMaxMb: sorted.at(-1) ?? Number.NaN,
      rssAfterMb: rssMb(pid, 'VmRSS'),
      peakRssMb: rssMb(pid, 'VmHWM'),
    };
  });
  return { sustained, spike };
}
