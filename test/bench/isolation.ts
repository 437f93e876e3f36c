// Engine throughput with mapping evaluation isolated in evaluation processes (the default) against the
// in-process evaluator (DESIGN.md §5 "Isolation"): map → filter → map over SQLite, trace `errors`.
// Run alone: `npx tsx test/bench/isolation.ts [messages]`; prints one line per evaluator.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMappingEvaluator, Engine, openSqliteStore } from '../../main/engine/index.js';
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
  for (const mode of ['in-process', 'isolated'] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'pipewright-bench-isolation-'));
    const engine = new Engine(await openSqliteStore(dir), { workspace: dir, ...(mode === 'in-process' ? { mapping: createMappingEvaluator() } : {}) });
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
