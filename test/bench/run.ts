// `npm run bench`: prints a table of the engine's figures and writes them to test/bench/results/.
// Not a test: nothing here passes or fails on timing. Each scenario runs in its own process.
// Options: --quick (smaller counts), --backlog-max N (largest backlog, default 1,000,000),
// --webhook-spike N (requests in the webhook spike, default 50,000; the figure is 200,000).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const quick = process.argv.includes('--quick');
const backlogMaxArg = process.argv.indexOf('--backlog-max');
const backlogMax = backlogMaxArg > 0 ? Number(process.argv[backlogMaxArg + 1]) : quick ? 100_000 : 1_000_000;
const throughputCount = quick ? 20_000 : 100_000;
const webhookSpikeArg = process.argv.indexOf('--webhook-spike');
const webhookSpike = webhookSpikeArg > 0 ? Number(process.argv[webhookSpikeArg + 1]) : quick ? 20_000 : 50_000;

type Figures = Record<string, number | string>;

// `npm run bench -- postgres`: the PostgreSQL store's figures only (./postgres.ts, docs/scale-out.md).
if (process.argv.slice(2).includes('postgres')) {
  execFileSync(process.execPath, ['--import', 'tsx', 'test/bench/postgres.ts', ...(quick ? ['--quick'] : [])], { stdio: 'inherit' });
  process.exit(0);
}

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

/** jsonata 2.x vs the compiled closures on the same map → filter → map, and the corpus's compile coverage (./jsonata-compile.ts). */
function compilerFigures(): { jsonata: Figures; compiled: Figures; speedup: number; coverage: { expressions: number; compiled: number; share: number } } {
  process.stderr.write('bench: JSONata compiled vs interpreted…\n');
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/bench/jsonata-compile.ts', String(throughputCount)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as ReturnType<typeof compilerFigures>;
}
const compiler = compilerFigures();
const engineErrors = scenario('engine', throughputCount, 'errors');
const engineFull = scenario('engine', throughputCount, 'full');
const cli = scenario('cli', throughputCount);
// The installed command is the esbuild bundle: built here as `npm run build` does.
process.stderr.write('bench: building dist/ for the installed command…\n');
execFileSync(process.execPath, ['--import', 'tsx', 'main/cli/scripts/bundle.ts'], { stdio: ['ignore', 'ignore', 'inherit'] });
const cliBuilt = scenario('cli', throughputCount, 'built');
const latency = scenario('latency', quick ? 100 : 500);
const backlogs = [10_000, 100_000, 1_000_000].filter((n) => n <= backlogMax).map((n) => scenario('backlog', n, 'errors'));
const webhook = scenario('webhook', quick ? 5 : 10, webhookSpike) as unknown as { sustained: Figures; spike: Figures };
const designer = designerFigures();
const operations = designer ? operationsFigures() : undefined;
const workbench = designer ? workbenchFigures() : undefined;

/** The mapping workbench on 100 KB and 5 MB samples, in Chromium (test/bench/workbench.ts); the renderer is built above. */
function workbenchFigures(): { open5m: Figures; typing100k: Figures; typing5m: Figures; typing100kWorkers: Figures } {
  process.stderr.write('bench: mapping workbench in Chromium…\n');
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/bench/workbench.ts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as { open5m: Figures; typing100k: Figures; typing5m: Figures; typing100kWorkers: Figures };
}

/** p50 / p95 frame times of one canvas gesture (test/bench/canvas-frames.ts). */
type Gesture = { p50Ms: number; p95Ms: number };
type CanvasFrames = { pan: Gesture; zoom: Gesture; drag: Gesture; edgeDrag: Gesture };

const GESTURE_NAMES: Record<keyof CanvasFrames, string> = { pan: 'pan', zoom: 'wheel zoom', drag: 'node drag', edgeDrag: 'node held at the edge (auto-pan)' };

/** The designer's figures need Debian's Chromium and a built renderer; without them they are skipped. */
function designerFigures(): { largeFlow: Figures; typing100k: Figures; typing5m: Figures; canvasOpened: CanvasFrames; canvasWhole: CanvasFrames } | undefined {
  if (!existsSync('/usr/bin/chromium')) {
    process.stderr.write('bench: designer figures skipped: install Chromium (apt-get install -y chromium)\n');
    return undefined;
  }
  execFileSync('npx', ['vite', 'build', 'renderer', '--logLevel', 'error'], { stdio: ['ignore', 'ignore', 'inherit'] });
  process.stderr.write('bench: designer in Chromium…\n');
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/bench/designer.ts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as { largeFlow: Figures; typing100k: Figures; typing5m: Figures; canvasOpened: CanvasFrames; canvasWhole: CanvasFrames };
}

/** Engine throughput with mapping isolated in evaluation processes against in-process (test/bench/isolation.ts). */
function isolationFigures(): Record<string, number> {
  process.stderr.write('bench: mapping isolation overhead…\n');
  const code = `const { isolationThroughput } = await import(${JSON.stringify(new URL('./isolation.ts', import.meta.url).href)}); process.stdout.write(JSON.stringify(await isolationThroughput(${quick ? 20_000 : 50_000})) + '\\n');`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, number>;
}
const isolation = isolationFigures();

/** The Runs view with 100,000 runs and a run of 10,000 messages opened, in Chromium (test/bench/designer-operations.ts). */
function operationsFigures(): Figures {
  process.stderr.write('bench: operations views in Chromium…\n');
  const args = quick ? ['20000', '2000'] : ['100000', '10000'];
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/bench/designer-operations.ts', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Figures;
}

const rows: Array<[string, string]> = [
  ['plain JSONata loop (map → filter → map)', `${fmt(plain.rate)} msg/s`],
  ['compiled JSONata loop, same mappings (goal ≥ 20× jsonata)', `${fmt(compiler.compiled.rate)} msg/s vs jsonata ${fmt(compiler.jsonata.rate)} msg/s in the same process: ${fmt(compiler.speedup, 1)}×`],
  ['JSONata corpus compile coverage', `${fmt(compiler.coverage.share * 100, 1)}% (${fmt(compiler.coverage.compiled)} of ${fmt(compiler.coverage.expressions)} expressions compiled)`],
  ['engine, trace "errors" (100k durable)', `${fmt(engineErrors.rate)} msg/s  (${fmt(Number(engineErrors.rate) / Number(plain.rate) * 100)}% of plain loop)`],
  ['engine, trace "full"', `${fmt(engineFull.rate)} msg/s  (${fmt(Number(engineFull.rate) / Number(plain.rate) * 100)}% of plain loop)`],
  [`pipewright run --jsonl, ${fmt(cli.messages)} messages, whole process, default trace (npm run -s cli, tsx)`, `${fmt(cli.rate)} msg/s  (${fmt(Number(cli.rate) / Number(plain.rate) * 100)}% of plain loop; state ${fmt(cli.stateBytesPerMessage)} bytes/message)`],
  [`pipewright run --jsonl, same, the installed command (built, plain node)`, `${fmt(cliBuilt.rate)} msg/s  (${fmt(Number(cliBuilt.rate) / Number(plain.rate) * 100)}% of plain loop; goal ≥ 200%)`],
  ['first map step per message p50 / p99', `${fmt(engineErrors.stepP50Ms, 2)} / ${fmt(engineErrors.stepP99Ms, 2)} ms`],
  ['one message end to end p50 / p99', `${fmt(latency.p50Ms, 2)} / ${fmt(latency.p99Ms, 2)} ms`],
  ['mapping evaluation cached / uncached', `${fmt(mapping.cachedUs, 1)} / ${fmt(mapping.uncachedUs, 1)} µs per message`],
  ['engine map → filter → map: default / all isolated / interpreter in-process', `${fmt(isolation.default)} / ${fmt(isolation['all isolated'])} / ${fmt(isolation['interpreter in-process'])} msg/s`],
  ['peak RSS, plain loop', `${fmt(plain.peakRssMb)} MB`],
  ...backlogs.map((b): [string, string] => [`peak RSS, backlog ${fmt(b.messages)}`, `${fmt(b.peakRssMb)} MB  (${fmt(b.rate)} msg/s)`]),
  ['webhook intake, 64 clients: durable 202/s, p50 / p99', `${fmt(webhook.sustained.acksPerSecond)} /s, ${fmt(webhook.sustained.p50Ms)} / ${fmt(webhook.sustained.p99Ms)} ms (${fmt(webhook.sustained.non2xx)} not 2xx)`],
  [`webhook spike of ${fmt(webhook.spike.requests)}: server RSS before / median / max`, `${fmt(webhook.spike.rssBeforeMb)} / ${fmt(webhook.spike.rssMedianMb)} / ${fmt(webhook.spike.rssMaxMb)} MB  (${fmt(webhook.spike.acksPerSecond)} 202/s, ${fmt(webhook.spike.non2xx)} not 2xx)`],
  ...(designer
    ? ([
        ['designer: 1,000-node flow rendered / answers a click', `${fmt(designer.largeFlow.renderedMs)} / ${fmt(designer.largeFlow.interactiveMs)} ms (${fmt(designer.largeFlow.nodesInView)} nodes in view)`],
        ['designer: Fit View until all 1,000 nodes are shown', `${fmt(designer.largeFlow.wholeFlowMs)} ms`],
        ...(['pan', 'zoom', 'drag', 'edgeDrag'] as const).map((gesture): [string, string] => [
          `designer: 1,000 nodes, ${GESTURE_NAMES[gesture]} frame p50 / p95`,
          `${fmt(designer.canvasOpened[gesture].p50Ms, 1)} / ${fmt(designer.canvasOpened[gesture].p95Ms, 1)} ms opened, ${fmt(designer.canvasWhole[gesture].p50Ms, 1)} / ${fmt(designer.canvasWhole[gesture].p95Ms, 1)} ms all in view`,
        ]),
        ['designer: keystroke → output, 100 KB sample p50 / max', `${fmt(designer.typing100k.p50Ms, 1)} / ${fmt(designer.typing100k.maxMs, 1)} ms (longest task ${fmt(designer.typing100k.longestTaskMs)} ms)`],
        ['designer: keystroke → output, 5 MB sample p50 / max', `${fmt(designer.typing5m.p50Ms, 1)} / ${fmt(designer.typing5m.maxMs, 1)} ms (longest task ${fmt(designer.typing5m.longestTaskMs)} ms)`],
        ['designer: 10-key burst, last key → output, 5 MB', `${fmt(designer.typing5m.burstSettleMs, 1)} ms (longest task ${fmt(designer.typing5m.burstLongestTaskMs)} ms)`],
      ] satisfies Array<[string, string]>)
    : []),
  ...(operations
    ? ([
        [`designer: Runs view, ${fmt(operations.runs)} runs, median / max`, `${fmt(operations.runsViewMs)} / ${fmt(operations.runsViewMaxMs)} ms`],
        [`designer: open a run of ${fmt(operations.messages)} messages, median / max`, `${fmt(operations.openRunMs)} / ${fmt(operations.openRunMaxMs)} ms`],
        [`designer: that run drawn on the canvas, median / max`, `${fmt(operations.showOnCanvasMs)} / ${fmt(operations.showOnCanvasMaxMs)} ms`],
      ] satisfies Array<[string, string]>)
    : []),
  ...(workbench
    ? ([
        ['workbench: open on a 5 MB sample, dialog shown / first output (median)', `${fmt(workbench.open5m.shownMs, 1)} / ${fmt(workbench.open5m.outputMs, 1)} ms (max ${fmt(workbench.open5m.shownMaxMs, 1)} / ${fmt(workbench.open5m.outputMaxMs, 1)} ms)`],
        ['workbench: keystroke → output, 100 KB sample p50 / max', `${fmt(workbench.typing100k.p50Ms, 1)} / ${fmt(workbench.typing100k.maxMs, 1)} ms (longest task ${fmt(workbench.typing100k.longestTaskMs)} ms)`],
        ['workbench: keystroke → output, 5 MB sample p50 / max', `${fmt(workbench.typing5m.p50Ms, 1)} / ${fmt(workbench.typing5m.maxMs, 1)} ms (longest task ${fmt(workbench.typing5m.longestTaskMs)} ms)`],
        ['workbench: keystroke → output, 100 KB, workers only p50 / max', `${fmt(workbench.typing100kWorkers.p50Ms, 1)} / ${fmt(workbench.typing100kWorkers.maxMs, 1)} ms (longest task ${fmt(workbench.typing100kWorkers.longestTaskMs)} ms)`],
      ] satisfies Array<[string, string]>)
    : []),
];

const width = Math.max(...rows.map(([label]) => label.length));
process.stdout.write(`\nPipewright benchmark (${new Date().toISOString()}, node ${process.version})\n\n`);
for (const [label, value] of rows) process.stdout.write(`  ${label.padEnd(width)}  ${value}\n`);

const dir = join('test', 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, 'latest.json');
writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), plain, compiler, mapping, engineErrors, engineFull, cli, cliBuilt, latency, backlogs, webhook, designer, operations, workbench }, null, 2)}\n`);
process.stdout.write(`\nwritten to ${file}\n`);
