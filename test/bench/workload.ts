// The benchmark's workload: webshop-like orders through map → filter → map, the shape DESIGN.md §10
// names. Shared by the plain-loop baseline and the engine runs so both evaluate the very same mappings.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { FlowDocument } from '../../shared/flow/schema.js';

export const MAP_IN = '{ "orderNo": id, "customer": customer.name, "total": $sum(lines.(qty * price)), "country": country }';
export const FILTER = 'total >= 50';
export const MAP_OUT = '{ "no": orderNo, "amount": $round(total * 1.21, 2), "cc": $uppercase(country) }';

export function order(index: number): unknown {
  return {
    id: `A-${index}`,
    customer: { name: `Customer ${index % 997}`, email: `c${index % 997}@shop.example` },
    country: ['nl', 'de', 'be', 'fr'][index % 4],
    lines: [
      { sku: `SKU-${index % 50}`, qty: (index % 3) + 1, price: 9.95 },
      { sku: `SKU-${(index + 7) % 50}`, qty: 1, price: (index % 40) + 0.5 },
      { sku: `SKU-${(index + 13) % 50}`, qty: 2, price: 4.5 },
    ],
  };
}

/** The flow; without `trace` it has no settings, so the run kind's default trace applies. */
export function benchFlow(trace?: 'full' | 'errors'): FlowDocument {
  return {
    format: 'pipewright/flow@1',
    id: 'bench',
    name: 'Benchmark: map → filter → map',
    ...(trace === undefined ? {} : { settings: { trace } }),
    nodes: [
      { id: 'orders', type: 'trigger.manual', position: [0, 0], config: {} },
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

/** Writes `count` orders as JSON lines, streaming so that a million lines cost no memory. */
export async function writeOrdersJsonl(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < count; i++) {
    if (!out.write(`${JSON.stringify(order(i))}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
