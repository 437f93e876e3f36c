// The JSONata compiler judged by the JSONata project's own test suite (issue 12 §1, docs/jsonata-compiler.md).
// The suite is another project's text and is not in this repository: point this runner at a checkout of
// jsonata-js/jsonata's `test/test-suite` folder (or a copy of it).
//
//   node --import tsx test/bench/jsonata-suite.ts <path-to-test-suite> [group-name-filter]
//
// For each case, the reference `jsonata` package (the judge) evaluates it first; a case whose expectation
// jsonata 2.x itself does not meet is skipped and counted ("judge disagrees"). Then the compiler is asked:
// a case it leaves to jsonata (compile-time reason, or NeedsInterpreter at run time) counts as fallback;
// a compiled case passes when its result (or error code) is the expected one. Prints a table per group and
// the totals; exits 1 when a compiled case fails. Not part of `npm test`: the suite is not in the repo.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import jsonata from 'jsonata';
import { compileJsonata } from '../../shared/jsonata/compile/compile.js';
import { NeedsInterpreter } from '../../shared/jsonata/compile/contract.js';
import { createEvaluationGuard } from '../../shared/jsonata/compile/guard.js';

/** One case as the suite writes it (both the old grouped format and the per-case files). */
interface SuiteCase {
  expr?: string;
  'expr-file'?: string;
  dataset?: number | string | null;
  data?: unknown;
  bindings?: Record<string, unknown>;
  result?: unknown;
  undefinedResult?: boolean;
  code?: string;
  error?: { code?: string; message?: string };
  timelimit?: number;
  depth?: number;
  unordered?: boolean;
}

interface LoadedCase {
  group: string;
  name: string;
  expr: string;
  input: unknown;
  bindings: Record<string, unknown>;
  expected: Expectation;
  timelimit: number | undefined;
  depth: number | undefined;
  unordered: boolean;
}

type Expectation = { kind: 'value'; value: unknown } | { kind: 'undefined' } | { kind: 'error'; code: string; message?: string };
type Observed = { kind: 'value'; value: unknown } | { kind: 'error'; code: string; message?: string };
type Verdict = 'pass' | 'fail' | 'fallback' | 'syntax-error' | 'judge-disagrees' | 'depth-unit';

interface GroupTally {
  cases: number;
  judgeDisagrees: number;
  unreadable: number;
  fallback: number;
  /** Cases whose expression does not parse: the host reports jsonata's own syntax error, nothing is evaluated. */
  syntaxError: number;
  passed: number;
  failed: number;
  depthUnit: number;
}

/** Limits when a case gives none: generous, the suite's own cases finish in milliseconds. */
const DEFAULT_LIMITS = { timeoutMs: 5_000, maxDepth: 1_000 };
/** The upstream harness reports its own time and depth limits as U1001; jsonata's options throw these. */
const LIMIT_CODES = new Set(['D1011', 'D1012']);

const suiteDir = process.argv[2];
const groupFilter = process.argv[3];
if (!suiteDir || !existsSync(join(suiteDir, 'groups'))) {
  console.error('usage: node --import tsx test/bench/jsonata-suite.ts <path-to-jsonata/test/test-suite> [group-filter]');
  process.exit(2);
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

const indexedDatasets = existsSync(join(suiteDir, 'datasets.json')) ? (readJson(join(suiteDir, 'datasets.json')) as unknown[]) : [];

/** `dataset: 7` indexes datasets.json (older suites), `dataset: "dataset7"` names datasets/dataset7.json. */
function datasetOf(testCase: SuiteCase): unknown {
  if ('data' in testCase) return testCase.data;
  const ref = testCase.dataset;
  if (ref === undefined || ref === null || ref === -1) return undefined;
  if (typeof ref === 'number') {
    if (ref < 0 || ref >= indexedDatasets.length) throw new Error(`dataset ${ref} is not in datasets.json`);
    return indexedDatasets[ref];
  }
  const path = join(suiteDir!, 'datasets', `${ref}.json`);
  if (!existsSync(path)) throw new Error(`dataset ${ref} is missing (datasets/${ref}.json)`);
  return readJson(path);
}

function expectationOf(testCase: SuiteCase): Expectation {
  if (typeof testCase.code === 'string') return { kind: 'error', code: testCase.code };
  if (typeof testCase.error?.code === 'string') {
    // The suite's harness deep-compares the error with these fields, the message included when given.
    const { code, message } = testCase.error;
    return message === undefined ? { kind: 'error', code } : { kind: 'error', code, message };
  }
  if (testCase.undefinedResult === true) return { kind: 'undefined' };
  if ('result' in testCase) return { kind: 'value', value: testCase.result };
  throw new Error('the case states no result, undefinedResult or error code');
}

/**
 * Groups come as `groups/<group>.json` (an array of cases, the older layout) and/or as `groups/<group>/*.json`
 * (one case, or an array, per file). When both exist, the grouped file's entry i is `case<i>` and a case
 * file of the same name replaces it (it is the newer text); case files with other names are added.
 */
function loadGroups(): Map<string, Array<LoadedCase | { group: string; name: string; problem: string }>> {
  const groupsDir = join(suiteDir!, 'groups');
  const files = new Map<string, Map<string, { path: string; index?: number }>>();
  const sourcesOf = (group: string) => files.get(group) ?? files.set(group, new Map()).get(group)!;
  for (const entry of readdirSync(groupsDir).sort()) {
    const path = join(groupsDir, entry);
    if (statSync(path).isDirectory()) {
      const sources = sourcesOf(entry);
      for (const file of readdirSync(path).filter((name) => name.endsWith('.json'))) sources.set(basename(file, '.json'), { path: join(path, file) });
    } else if (entry.endsWith('.json')) {
      const group = basename(entry, '.json');
      const sources = sourcesOf(group);
      const grouped = readJson(path) as unknown[];
      grouped.forEach((_, index) => {
        const name = `case${String(index).padStart(3, '0')}`;
        if (!sources.has(name)) sources.set(name, { path, index });
      });
    }
  }
  const groups = new Map<string, Array<LoadedCase | { group: string; name: string; problem: string }>>();
  for (const [group, sources] of [...files].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (groupFilter && !group.includes(groupFilter)) continue;
    const cases: Array<LoadedCase | { group: string; name: string; problem: string }> = [];
    for (const [sourceName, source] of [...sources].sort((a, b) => a[0].localeCompare(b[0]))) {
      const read = readJson(source.path);
      const list = (source.index !== undefined ? [(read as unknown[])[source.index]] : Array.isArray(read) ? read : [read]) as SuiteCase[];
      list.forEach((testCase, index) => {
        const name = list.length > 1 ? `${sourceName}[${index}]` : sourceName;
        try {
          const expr = testCase.expr ?? readFileSync(join(groupsDir, group, testCase['expr-file'] ?? ''), 'utf8');
          cases.push({
            group,
            name,
            expr,
            input: datasetOf(testCase),
            bindings: testCase.bindings ?? {},
            expected: expectationOf(testCase),
            timelimit: testCase.timelimit,
            depth: testCase.depth,
            unordered: testCase.unordered === true,
          });
        } catch (error) {
          cases.push({ group, name, problem: (error as Error).message });
        }
      });
    }
    groups.set(group, cases);
  }
  return groups;
}

function observedError(error: unknown): Observed {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code !== 'string') return { kind: 'error', code: `(no code: ${String(error)})` };
  return typeof message === 'string' ? { kind: 'error', code, message } : { kind: 'error', code };
}

/** What a host sees: JSON (which drops jsonata's sequence flags and prototypes) or undefined. */
function asJson(value: unknown): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

function sortedForComparison(value: unknown): unknown {
  return Array.isArray(value) ? value.map((item) => JSON.stringify(item)).sort() : value;
}

function meets(observed: Observed, testCase: LoadedCase): boolean {
  const expected = testCase.expected;
  if (expected.kind === 'error') {
    if (observed.kind !== 'error') return false;
    if (expected.message !== undefined && observed.message !== expected.message) return false;
    return observed.code === expected.code || (expected.code === 'U1001' && LIMIT_CODES.has(observed.code));
  }
  if (observed.kind !== 'value') return false;
  if (expected.kind === 'undefined') return observed.value === undefined;
  const actual = asJson(observed.value);
  if (testCase.unordered) return isDeepStrictEqual(sortedForComparison(actual), sortedForComparison(expected.value));
  return isDeepStrictEqual(actual, expected.value);
}

async function viaJsonata(testCase: LoadedCase): Promise<Observed> {
  try {
    const options = { timeout: testCase.timelimit ?? DEFAULT_LIMITS.timeoutMs, stack: testCase.depth ?? 0 };
    return { kind: 'value', value: await jsonata(testCase.expr, options).evaluate(structuredClone(testCase.input), testCase.bindings) };
  } catch (error) {
    return observedError(error);
  }
}

type CompiledRun = { ran: false; why: string } | { ran: true; observed: Observed };

function viaCompiler(testCase: LoadedCase): CompiledRun {
  let outcome;
  try {
    outcome = compileJsonata(testCase.expr);
  } catch (error) {
    // The compiler must never throw for a parseable expression; report it as a failed run.
    return { ran: true, observed: { kind: 'error', code: `compiler threw: ${String(error)}` } };
  }
  if (!outcome.compiled) return { ran: false, why: outcome.reason };
  const guard = createEvaluationGuard({ timeoutMs: testCase.timelimit ?? DEFAULT_LIMITS.timeoutMs, maxDepth: testCase.depth ?? DEFAULT_LIMITS.maxDepth });
  try {
    return { ran: true, observed: { kind: 'value', value: outcome.evaluate(structuredClone(testCase.input), testCase.bindings, guard) } };
  } catch (error) {
    if (error instanceof NeedsInterpreter) return { ran: false, why: `run time: ${error.message}` };
    return { ran: true, observed: observedError(error) };
  }
}

function describe(observed: Observed): string {
  if (observed.kind === 'error') return `error ${observed.code}${observed.message === undefined ? '' : ` "${observed.message}"`}`;
  const text = observed.value === undefined ? 'undefined' : JSON.stringify(asJson(observed.value));
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function oneLine(expr: string): string {
  const text = expr.replace(/\s+/g, ' ');
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

function describeExpected(expected: Expectation): string {
  if (expected.kind === 'error') return `error ${expected.code}${expected.message === undefined ? '' : ` "${expected.message}"`}`;
  if (expected.kind === 'undefined') return 'undefined';
  return JSON.stringify(expected.value);
}

/**
 * The case's depth limit counts jsonata's nested AST evaluations; the compiled guard counts nested lambda
 * calls, so the same number lets compiled code recurse deeper (docs/jsonata-compiler.md "Limits", by
 * design and tested). A case that expects the limit to stop a finite recursion that compiled code
 * finishes within its limit is reported apart, not as a failure.
 */
function stopsOnlyInJsonataUnits(testCase: LoadedCase, observed: Observed): boolean {
  return testCase.depth !== undefined && testCase.expected.kind === 'error' && testCase.expected.code === 'U1001' && observed.kind === 'value';
}

async function judge(testCase: LoadedCase, failures: string[], disagreements: string[], depthUnit: string[], fallbackReasons: Map<string, number>): Promise<Verdict> {
  const reference = await viaJsonata(testCase);
  if (!meets(reference, testCase)) {
    disagreements.push(`${testCase.group}/${testCase.name}: ${oneLine(testCase.expr)}\n    case says ${describeExpected(testCase.expected)}\n    jsonata   ${describe(reference)}`);
    return 'judge-disagrees';
  }
  const compiled = viaCompiler(testCase);
  if (!compiled.ran && compiled.why.startsWith('syntax error')) return 'syntax-error';
  if (!compiled.ran) {
    fallbackReasons.set(compiled.why, (fallbackReasons.get(compiled.why) ?? 0) + 1);
    return 'fallback';
  }
  if (meets(compiled.observed, testCase)) return 'pass';
  if (stopsOnlyInJsonataUnits(testCase, compiled.observed)) {
    depthUnit.push(`${testCase.group}/${testCase.name}: ${oneLine(testCase.expr)} (depth ${testCase.depth}) gives ${describe(compiled.observed)}`);
    return 'depth-unit';
  }
  failures.push(
    `${testCase.group}/${testCase.name}: ${oneLine(testCase.expr)}\n    expected ${describeExpected(testCase.expected)}\n    compiled ${describe(compiled.observed)}`,
  );
  return 'fail';
}

async function main(): Promise<void> {
  const groups = loadGroups();
  const tallies = new Map<string, GroupTally>();
  const failures: string[] = [];
  const disagreements: string[] = [];
  const depthUnit: string[] = [];
  const unreadable: string[] = [];
  const fallbackReasons = new Map<string, number>();
  for (const [group, cases] of groups) {
    const tally: GroupTally = { cases: 0, judgeDisagrees: 0, unreadable: 0, fallback: 0, syntaxError: 0, passed: 0, failed: 0, depthUnit: 0 };
    for (const testCase of cases) {
      tally.cases++;
      if ('problem' in testCase) {
        tally.unreadable++;
        unreadable.push(`${group}/${testCase.name}: ${testCase.problem}`);
        continue;
      }
      const verdict = await judge(testCase, failures, disagreements, depthUnit, fallbackReasons);
      if (verdict === 'judge-disagrees') tally.judgeDisagrees++;
      else if (verdict === 'fallback') tally.fallback++;
      else if (verdict === 'syntax-error') tally.syntaxError++;
      else if (verdict === 'pass') tally.passed++;
      else if (verdict === 'depth-unit') tally.depthUnit++;
      else tally.failed++;
    }
    tallies.set(group, tally);
  }

  const total: GroupTally = { cases: 0, judgeDisagrees: 0, unreadable: 0, fallback: 0, syntaxError: 0, passed: 0, failed: 0, depthUnit: 0 };
  const rows = [...tallies].map(([group, tally]) => {
    for (const key of Object.keys(total) as Array<keyof GroupTally>) total[key] += tally[key];
    return row(group, tally);
  });
  console.log(['group', 'cases', 'judged', 'syntax error', 'compiled', 'passed', 'failed', 'depth unit', 'fallback', 'judge disagrees', 'unreadable'].join('\t'));
  for (const line of rows) console.log(line);
  console.log(row('TOTAL', total));
  const judged = total.cases - total.judgeDisagrees - total.unreadable;
  const compiled = total.passed + total.failed + total.depthUnit;
  const evaluated = judged - total.syntaxError;
  console.log(
    `\njsonata ${jsonataVersion()}: ${total.cases} cases, ${judged} judged (jsonata meets the case), ${total.syntaxError} syntax errors (reported from jsonata's parse), ` +
      `${compiled} of the other ${evaluated} compiled (coverage ${percent(compiled, evaluated)}), ${total.passed} passed, ${total.failed} failed, ${total.depthUnit} depth-limit cases apart, ${total.fallback} left to jsonata`,
  );
  if (fallbackReasons.size > 0) {
    console.log('\nFallback reasons:');
    for (const [why, count] of [...fallbackReasons].sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(4)}  ${why}`);
  }
  if (disagreements.length > 0) console.log(`\nCases jsonata ${jsonataVersion()} itself does not meet (skipped):\n  ${disagreements.join('\n  ')}`);
  if (depthUnit.length > 0) console.log(`\nDepth-limit cases compiled code finishes (its limit counts lambda calls, jsonata's AST evaluations):\n  ${depthUnit.join('\n  ')}`);
  if (unreadable.length > 0) console.log(`\nUnreadable cases:\n  ${unreadable.join('\n  ')}`);
  if (failures.length > 0) console.log(`\nCompiled cases that fail:\n  ${failures.join('\n  ')}`);
  process.exitCode = total.failed > 0 ? 1 : 0;
}

function row(group: string, tally: GroupTally): string {
  const judged = tally.cases - tally.judgeDisagrees - tally.unreadable;
  return [group, tally.cases, judged, tally.syntaxError, tally.passed + tally.failed + tally.depthUnit, tally.passed, tally.failed, tally.depthUnit, tally.fallback, tally.judgeDisagrees, tally.unreadable].join('\t');
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`;
}

function jsonataVersion(): string {
  const packageJson = readJson(new URL('../../node_modules/jsonata/package.json', import.meta.url).pathname) as { version?: string };
  return packageJson.version ?? 'unknown';
}

await main();
