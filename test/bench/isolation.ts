// Engine throughput by where and how mappings are evaluated (DESIGN.md §5 "Isolation",
// docs/jsonata-compiler.md): the default (compiled expressions in-process, the rest in evaluation
// processes), every expression in evaluation processes, and jsonata's interpreter in-process with no
// compiler. map → filter → map over SQLite, trace `errors`.
// Run alone: `npx tsx test/bench/isolation.ts [messages]`; prints one line per evaluator.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIsolatedMappingEvaluator, createMappingEvaluator, Engine, openSqliteStore } from '../../main/engine/index.js';
import type { MappingEvaluator } from '../../main/engine/types.js';
import type { FlowDocument } from '../../shared/flow/schema.js';

const flow: FlowDocument = {
  format: 'pipewright/flow@1', id: 'isolation', name: 'isolation', settings: { trace: 'errors' },
  nodes: [
    { id: 'in', type: 'trigger.manual', position: [0, 0], config: {} },
    { id: 'a', type: 'transform.map', position: [1, 0], config: { expression: '{ "id": id, "total": qty * price }' } },
    { id: 'f', type: 'transform.filter', position: [2, 0], config: { condition: 'total >= 10' } },
    { id: 'b', type: 'transform.map', position: [3, 0], config: { expression: '{ "orderNo": "A-" & $string(id), "total": total }' } },
  ],
  edges: [{ from: 'in', to: 'a' }, { from: 'a', to: 'f' }, { from: 'f', to: 'b' }],
};

export async function isolationThroughput(messages: number): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const evaluators: Record<string, () => MappingEvaluator | undefined> = {
    default: () => undefined,
    'all isolated': () => createIsolatedMappingEvaluator(undefined, { inProcess: false }),
    'interpreter in-process': () => createMappingEvaluator({ compile: false }),
  };
  for (const [mode, evaluator] of Object.entries(evaluators)) {
    const dir = mkdtempSync(join(tmpdir(), 'pipewright-bench-isolation-'));
    const mapping = evaluator();
    const engine = new Engine(await openSqliteStore(dir), { workspace: dir, ...(mapping ? { mapping } : {}) });
    try {
      const inputs = [{ triggerId: 'in', messages: Array.from({ length: messages }, (_, id) => ({ id, qty: id % 7, price: 3 })) }];
      const runId = await engine.startRun({ flow, inputs });
      const started = performance.now();
      await engine.drive(runId);
      figures[mode] = Math.round(messages / ((performance.now() - started) / 1000));
    } finally {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await isolationThroughput(Number(process.argv[2] ?? 20_000));
  for (const [mode, rate] of Object.entries(figures)) process.stdout.write(`engine map→filter→map, ${mode} evaluation: ${rate.toLocaleString('en')} msg/s\n`);
}
