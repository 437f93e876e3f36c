// The DESIGN.md §2 example flow, fresh for every test so tests can break it freely.
import type { FlowDocument } from '../../../../shared/flow/schema.js';

export function sampleFlow(): FlowDocument {
  return {
    format: 'pipewright/flow@1',
    id: 'orders-to-erp',
    name: 'Orders to ERP',
    nodes: [
      { id: 'orders', type: 'trigger.manual', position: [0, 0], config: {} },
      { id: 'toErp', type: 'transform.map', position: [260, 0], config: { expression: '{ "orderNo": id, "total": $sum(lines.(qty*price)) }' } },
      { id: 'big', type: 'transform.filter', position: [520, 0], config: { condition: 'total >= 100' } },
      {
        id: 'erp',
        type: 'http.request',
        position: [780, 0],
        config: { method: 'POST', url: 'https://erp.example/api/orders', credential: 'erp-api' },
        retry: { maxAttempts: 6, backoffMs: 500, maxBackoffMs: 60000 },
      },
    ],
    edges: [
      { from: 'orders', to: 'toErp' },
      { from: 'toErp', to: 'big' },
      { from: 'big', to: 'erp' },
    ],
    samples: { orders: [{ id: 'A-1', lines: [{ qty: 2, price: 60 }] }] },
    tests: [
      {
        name: 'big orders reach the ERP mapping',
        input: { orders: [{ id: 'A-1', lines: [{ qty: 2, price: 60 }] }] },
        expect: { big: [{ orderNo: 'A-1', total: 120 }] },
      },
    ],
  };
}

/** A mutable view for tests that break the document on purpose. */
export function brokenFlow(change: (doc: Record<string, any>) => void): unknown { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests poke invalid shapes into the document
  const doc = structuredClone(sampleFlow()) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
  change(doc);
  return doc;
}
