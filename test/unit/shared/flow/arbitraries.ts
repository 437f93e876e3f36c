// fast-check arbitraries for flow documents: valid ones built from the catalog's kinds (configs that
// parse, ports that exist, edges that only go forward so the graph is acyclic), and JSON payloads.
import fc from 'fast-check';
import { getNodeKind } from '../../../../shared/catalog/index.js';
import type { FlowDocument, FlowEdge, FlowNode, FlowTest } from '../../../../shared/flow/schema.js';

export const idArb = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,7}$/);

const expressionArb = fc.constantFrom('$', 'total >= 100', '{ "orderNo": id, "total": $sum(lines.(qty*price)) }', 'items[price > 10]', '$string(a) & "-" & b', 'true');
const templateArb = fc.constantFrom('https://erp.example/orders', 'https://erp.example/orders/{{ orderNo }}', '{{ $meta.base }}/x?page={{ page + 1 }}', 'Bearer {{ token }}');

/** Payloads as JSON text would give them, including keys that plain object assignment mishandles. */
export const payloadArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.tuple(fc.jsonValue(), fc.jsonValue()).map(([a, b]) => JSON.parse(`{"__proto__": ${JSON.stringify(a)}, "constructor": ${JSON.stringify(b)}, "1": 1, "b": 2, "a": 3}`) as unknown),
);

const configArbs: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  'trigger.manual': fc.constant({}),
  'transform.map': fc.record({ expression: expressionArb }),
  'transform.filter': fc.record({ condition: expressionArb }),
  'transform.split': fc.record({ path: expressionArb }),
  'transform.switch': fc
    .uniqueArray(idArb.filter((port) => port !== 'default' && port !== 'error'), { minLength: 1, maxLength: 3 })
    .chain((ports) => fc.tuple(...ports.map((port) => expressionArb.map((condition) => ({ port, condition })))))
    .map((rules) => ({ rules })),
  'output.log': fc.record({ level: fc.constantFrom('debug', 'info', 'warn', 'error'), expression: expressionArb }, { requiredKeys: [] }),
  'http.request': fc.record(
    {
      method: fc.constantFrom('GET', 'POST', '{{ $exists(id) ? "PUT" : "POST" }}'),
      url: templateArb,
      headers: fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z-]{0,10}$/), templateArb, { maxKeys: 3 }),
      body: expressionArb,
      timeoutMs: fc.integer({ min: 1, max: 600_000 }),
      credential: idArb,
      concurrency: fc.integer({ min: 1, max: 256 }),
      output: fc.constantFrom('body', 'response'),
    },
    { requiredKeys: ['url'] },
  ),
};
const types = Object.keys(configArbs);

const nodeBodyArb = fc.constantFrom(...types).chain((type) =>
  fc.record(
    {
      type: fc.constant(type),
      name: fc.string(),
      position: fc.tuple(fc.integer({ min: -5000, max: 5000 }), fc.double({ min: -5000, max: 5000, noNaN: true })),
      config: configArbs[type] as fc.Arbitrary<Record<string, unknown>>,
      retry: fc.record({ maxAttempts: fc.integer({ min: 1, max: 100 }), backoffMs: fc.integer({ min: 0, max: 3_600_000 }), maxBackoffMs: fc.integer({ min: 0, max: 86_400_000 }) }),
      queueLimit: fc.integer({ min: 1, max: 10_000_000 }),
      notes: fc.string(),
    },
    { requiredKeys: ['type', 'position', 'config'] },
  ),
);

export const validFlowArb: fc.Arbitrary<FlowDocument> = fc
  .uniqueArray(idArb, { minLength: 1, maxLength: 8 })
  .chain((ids) => fc.tuple(fc.constant(ids), fc.tuple(...ids.map(() => nodeBodyArb))))
  .map(([ids, bodies]) => bodies.map((body, index) => ({ id: ids[index] as string, ...body }) as FlowNode))
  .chain((nodes) =>
    fc.record(
      {
        format: fc.constant('pipewright/flow@1' as const),
        id: idArb,
        name: fc.string(),
        description: fc.string(),
        settings: fc.record(
          {
            trace: fc.constantFrom('full', 'errors', 'sampled'),
            traceSampleRate: fc.double({ min: 0, max: 1, noNaN: true }),
            retention: fc.record({ maxAgeDays: fc.nat(), maxRuns: fc.integer({ min: 1, max: 1000 }), maxBytes: fc.integer({ min: 1 }) }, { requiredKeys: [] }),
          },
          { requiredKeys: [] },
        ),
        nodes: fc.constant(nodes),
        edges: forwardEdgesArb(nodes),
        samples: fc.dictionary(fc.constantFrom(...nodes.map((node) => node.id)), fc.array(payloadArb, { maxLength: 3 }), { maxKeys: 3 }),
        tests: fc.array(testArb(nodes), { maxLength: 2 }),
      },
      { requiredKeys: ['format', 'id', 'name', 'nodes', 'edges'] },
    ),
  );

/** Edges from an earlier node to a later non-trigger node on one of the earlier node's ports. */
function forwardEdgesArb(nodes: FlowNode[]): fc.Arbitrary<FlowEdge[]> {
  const candidates: FlowEdge[] = [];
  nodes.forEach((from, index) => {
    const kind = getNodeKind(from.type);
    if (!kind) return;
    const ports = [...kind.ports(kind.configSchema.parse(from.config)), 'error'];
    for (const to of nodes.slice(index + 1)) {
      if (getNodeKind(to.type)?.isTrigger) continue;
      for (const port of ports) candidates.push(port === 'out' ? { from: from.id, to: to.id } : { from: from.id, port, to: to.id });
    }
  });
  if (candidates.length === 0) return fc.constant([]);
  return fc.subarray(candidates, { maxLength: Math.min(12, candidates.length) }).chain((edges) => fc.shuffledSubarray(edges, { minLength: edges.length, maxLength: edges.length }));
}

function testArb(nodes: FlowNode[]): fc.Arbitrary<FlowTest> {
  const triggers = nodes.filter((node) => getNodeKind(node.type)?.isTrigger).map((node) => node.id);
  const payloads = fc.array(payloadArb, { maxLength: 2 });
  return fc.record({
    name: fc.string({ minLength: 1 }),
    input: triggers.length === 0 ? fc.constant({}) : fc.dictionary(fc.constantFrom(...triggers), payloads, { maxKeys: 2 }),
    expect: fc.dictionary(fc.constantFrom(...nodes.map((node) => node.id)), payloads, { maxKeys: 2 }),
  });
}
