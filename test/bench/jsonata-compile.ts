// Benchmark of the JSONata compiler (issue 12 §1, docs/jsonata-compiler.md): the bench's map → filter → map
// (./workload.ts) over N orders, once with jsonata 2.x in a plain loop and once with the compiled closures,
// plus the compile coverage of the differential corpus (test/fixtures/jsonata-corpus/). Not a test: it
// prints figures, `npm run bench` shows them. Usage: tsx test/bench/jsonata-compile.ts [orders] [rounds]
// Prints one JSON object on stdout. The two loops take turns for a few rounds and each keeps its fastest
// round: on a shared machine the slowest rounds measure the neighbours, and taking turns exposes both
// loops to the same spells of load.
import { readdirSync, readFileSync } from 'node:fs';
import jsonata from 'jsonata';
import { compileJsonata } from '../../shared/jsonata/compile/compile.js';
import type { CompiledExpression } from '../../shared/jsonata/compile/contract.js';
import { createEvaluationGuard } from '../../shared/jsonata/compile/guard.js';
import { FILTER, MAP_IN, MAP_OUT, order } from './workload.js';

const count = Number(process.argv[2] ?? 100_000);
const rounds = Number(process.argv[3] ?? 3);
/** Each loop stops here even if `count` is not reached, so a slow machine still finishes (the rate stays honest). */
const LOOP_SECONDS_MAX = 120;
/** Orders are built before timing and cycled, so both loops time the mappings and not the test data. */
const POOL_SIZE = 10_000;
/** The limits a host gives each evaluation (DESIGN.md §5); the compiled loop pays for its guard like a host does. */
const LIMITS = { timeoutMs: 1_000, maxDepth: 500 };

interface LoopFigures {
  messages: number;
  passed: number;
  seconds: number;
  rate: number;
}

const pool = Array.from({ length: POOL_SIZE }, (_, index) => order(index));
/** Every output is stored here, where the optimiser cannot prove it unused, so no loop's work can be elided. */
export let lastOutput: unknown;

// Each side compiles its expressions once, as a host does (an LRU of compiled expressions), so the
// warm-up and every round run the same compiled code.
const interpretedMappings = { mapIn: jsonata(MAP_IN), filter: jsonata(FILTER), mapOut: jsonata(MAP_OUT) };

async function jsonataLoop(messages: number): Promise<LoopFigures> {
  const { mapIn, filter, mapOut } = interpretedMappings;
  let passed = 0;
  let done = 0;
  const started = performance.now();
  const deadline = started + LOOP_SECONDS_MAX * 1000;
  for (; done < messages && (done % 1000 !== 0 || performance.now() < deadline); done++) {
    const mapped: unknown = await mapIn.evaluate(pool[done % POOL_SIZE]);
    if (await filter.evaluate(mapped)) {
      lastOutput = await mapOut.evaluate(mapped);
      passed++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { messages: done, passed, seconds, rate: done / seconds };
}

function compiled(source: string): CompiledExpression {
  const outcome = compileJsonata(source);
  if (!outcome.compiled) throw new Error(`the bench mapping ${source} does not compile: ${outcome.reason}`);
  return outcome.evaluate;
}

const compiledMappings = { mapIn: compiled(MAP_IN), filter: compiled(FILTER), mapOut: compiled(MAP_OUT) };

function compiledLoop(messages: number): LoopFigures {
  const { mapIn, filter, mapOut } = compiledMappings;
  let passed = 0;
  let done = 0;
  const started = performance.now();
  const deadline = started + LOOP_SECONDS_MAX * 1000;
  for (; done < messages && (done % 1000 !== 0 || performance.now() < deadline); done++) {
    const mapped = mapIn(pool[done % POOL_SIZE], undefined, createEvaluationGuard(LIMITS));
    if (filter(mapped, undefined, createEvaluationGuard(LIMITS))) {
      lastOutput = mapOut(mapped, undefined, createEvaluationGuard(LIMITS));
      passed++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { messages: done, passed, seconds, rate: done / seconds };
}

/** Share of the corpus's distinct expressions that compile rather than fall back. */
function corpusCoverage(): { expressions: number; compiled: number; share: number } {
  const folder = new URL('../fixtures/jsonata-corpus/expressions/', import.meta.url);
  const sources = new Set<string>();
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.json'))) {
    for (const entry of JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as Array<{ expression: string }>) sources.add(entry.expression);
  }
  let compiledCount = 0;
  for (const source of sources) {
    try {
      if (compileJsonata(source).compiled) compiledCount++;
    } catch {
      // A syntax error the compiler reports itself counts as not compiled.
    }
  }
  return { expressions: sources.size, compiled: compiledCount, share: compiledCount / sources.size };
}

// Warm both paths up first, so neither rate includes the JIT's first pass.
await jsonataLoop(2_000);
compiledLoop(20_000);
const fastest = (a: LoopFigures | undefined, b: LoopFigures): LoopFigures => (a === undefined || b.rate > a.rate ? b : a);
let interpreted: LoopFigures | undefined;
let fast: LoopFigures | undefined;
for (let round = 0; round < rounds; round++) {
  interpreted = fastest(interpreted, await jsonataLoop(count));
  fast = fastest(fast, compiledLoop(count));
}
if (interpreted === undefined || fast === undefined) throw new Error('rounds must be at least 1');
if (fast.messages === interpreted.messages && fast.passed !== interpreted.passed) throw new Error(`the compiled loop passed ${fast.passed} orders through the filter, jsonata ${interpreted.passed}`);
process.stdout.write(`${JSON.stringify({ orders: count, rounds, jsonata: interpreted, compiled: fast, speedup: fast.rate / interpreted.rate, coverage: corpusCoverage() })}\n`);
