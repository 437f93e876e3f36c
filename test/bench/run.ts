// `npm run bench`: prints a table of the engine's figures and writes them to test/bench/results/.
// Not a test: nothing here passes or fails on timing. Each scenario runs in its own process.
// Options: --quick (smaller counts), --backlog-max N (largest backlog, default 1,000,000).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const quick = process.argv.includes('--quick');
const backlogMaxArg = process.argv.indexOf('--backlog-max');
const backlogMax = backlogMaxArg > 0 ? Number(process.argv[backlogMaxArg + 1]) : quick ? 100_000 : 1_000_000;
const throughputCount = quick ? 20_000 : 100_000;

type Figures = Record<string, number | string>;

function scenario(name: string, ...args: Array<string | number>): Figures {
  process.stderr.write(`bench: ${name} ${args.join(' ')}…\n`);
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/bench/scenarios.ts', name, ...args.map(String)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Figures;
}

const fmt = (n: unknown, digits = 0): string => (typeof n === 'number' ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : String(n));

const plain = scenario('plain', throughputCount);
const mapping = scenario('mapping', quick ? 5_000 : 20_000);
const engineErrors = scenario('engine', throughputCount, 'errors');
const engineFull = scenario('engine', throughputCount, 'full');
const latency = scenario('latency', quick ? 100 : 500);
const backlogs = [10_000, 100_000, 1_000_000].filter((n) => n <= backlogMax).map((n) => scenario('backlog', n, 'errors'));

const rows: Array<[string, string]> = [
  ['plain JSONata loop (map → filter → map)', `${fmt(plain.rate)} msg/s`],
  ['engine, trace "errors" (100k durable)', `${fmt(engineErrors.rate)} msg/s  (${fmt(Number(engineErrors.rate) / Number(plain.rate) * 100)}% of plain loop)`],
  ['engine, trace "full"', `${fmt(engineFull.rate)} msg/s  (${fmt(Number(engineFull.rate) / Number(plain.rate) * 100)}% of plain loop)`],
  ['first map step per message p50 / p99', `${fmt(engineErrors.stepP50Ms, 2)} / ${fmt(engineErrors.stepP99Ms, 2)} ms`],
  ['one message end to end p50 / p99', `${fmt(latency.p50Ms, 2)} / ${fmt(latency.p99Ms, 2)} ms`],
  ['mapping evaluation cached / uncached', `${fmt(mapping.cachedUs, 1)} / ${fmt(mapping.uncachedUs, 1)} µs per message`],
  ['peak RSS, plain loop', `${fmt(plain.peakRssMb)} MB`],
  ...backlogs.map((b): [string, string] => [`peak RSS, backlog ${fmt(b.messages)}`, `${fmt(b.peakRssMb)} MB  (${fmt(b.rate)} msg/s)`]),
];

const width = Math.max(...rows.map(([label]) => label.length));
process.stdout.write(`\nPipewright benchmark (${new Date().toISOString()}, node ${process.version})\n\n`);
for (const [label, value] of rows) process.stdout.write(`  ${label.padEnd(width)}  ${value}\n`);

const dir = join('test', 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, 'latest.json');
writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), plain, mapping, engineErrors, engineFull, latency, backlogs }, null, 2)}\n`);
process.stdout.write(`\nwritten to ${file}\n`);
