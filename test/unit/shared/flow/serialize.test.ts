import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFlowText } from '../../../../shared/flow/parse.js';
import type { FlowDocument } from '../../../../shared/flow/schema.js';
import { serializeFlow } from '../../../../shared/flow/serialize.js';
import { sampleFlow } from './sample-flow.js';

const fixture = new URL('../../../fixtures/flows/orders-to-erp.flow.json', import.meta.url);

describe('serializeFlow', () => {
  it('saves a loaded flow file byte for byte as it was', () => {
    const text = readFileSync(fixture, 'utf8');
    const { flow, problems } = parseFlowText(text, 'orders-to-erp.flow.json');
    expect(problems).toEqual([]);
    expect(serializeFlow(flow as FlowDocument)).toBe(text);
  });

  it('writes 2-space indentation, positions on one line and a trailing newline', () => {
    const text = serializeFlow(sampleFlow());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "nodes": [\n    {\n      "id": "orders",\n      "type": "trigger.manual",\n      "position": [0, 0],\n      "config": {}\n    },');
    expect(JSON.parse(text)).toEqual(sampleFlow());
  });

  it('puts structural keys in the canonical order whatever order they came in', () => {
    const flow = {
      tests: [{ expect: {}, input: {}, name: 't' }],
      edges: [{ to: 'b', port: 'out', from: 'a' }],
      nodes: [{ config: { condition: 'x' }, position: [1.5, -2], type: 'transform.filter', id: 'b', notes: 'n', retry: { maxBackoffMs: 9, backoffMs: 1, maxAttempts: 2 } }],
      name: 'N',
      id: 'i',
      format: 'pipewright/flow@1',
    } as FlowDocument;
    expect(serializeFlow(flow)).toBe(
      [
        '{',
        '  "format": "pipewright/flow@1",',
        '  "id": "i",',
        '  "name": "N",',
        '  "nodes": [',
        '    {',
        '      "id": "b",',
        '      "type": "transform.filter",',
        '      "position": [1.5, -2],',
        '      "config": {',
        '        "condition": "x"',
        '      },',
        '      "retry": {',
        '        "maxAttempts": 2,',
        '        "backoffMs": 1,',
        '        "maxBackoffMs": 9',
        '      },',
        '      "notes": "n"',
        '    }',
        '  ],',
        '  "edges": [',
        '    {',
        '      "from": "a",',
        '      "port": "out",',
        '      "to": "b"',
        '    }',
        '  ],',
        '  "tests": [',
        '    {',
        '      "name": "t",',
        '      "input": {},',
        '      "expect": {}',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('orders config keys as the kind\'s schema declares them, unknown keys last and alphabetically', () => {
    const flow = sampleFlow();
    (flow.nodes[3] as FlowDocument['nodes'][number]).config = { zeta: 1, output: 'body', alpha: 2, url: 'https://x', method: 'GET' };
    const config = JSON.parse(serializeFlow(flow)).nodes[3].config;
    expect(Object.keys(config)).toEqual(['method', 'url', 'output', 'alpha', 'zeta']);
  });

  it('keeps the key order of sample and test payloads as written', () => {
    const flow = sampleFlow();
    flow.samples = { orders: [{ z: 1, a: { y: 2, b: 3 } }] };
    const text = serializeFlow(flow);
    expect(text).toContain('"z": 1,\n        "a": {\n          "y": 2,\n          "b": 3\n        }');
  });

  it('omits optional keys that are undefined', () => {
    const flow: FlowDocument = { ...sampleFlow(), description: undefined, samples: undefined, tests: undefined };
    const parsed = JSON.parse(serializeFlow(flow));
    expect(Object.keys(parsed)).toEqual(['format', 'id', 'name', 'nodes', 'edges']);
  });

  it('writes settings in schema order', () => {
    const flow: FlowDocument = { ...sampleFlow(), settings: { retention: { maxBytes: 10, maxAgeDays: 1 }, traceSampleRate: 0.1, trace: 'sampled' } };
    expect(serializeFlow(flow)).toContain(
      '"settings": {\n    "trace": "sampled",\n    "traceSampleRate": 0.1,\n    "retention": {\n      "maxAgeDays": 1,\n      "maxBytes": 10\n    }\n  },',
    );
  });

  it('writes payload values the way JSON.stringify does', () => {
    const flow = sampleFlow();
    flow.samples = { orders: [{ when: new Date(0), gone: undefined, list: [undefined, 1], text: 'a"\u2028' }] };
    const written = JSON.parse(serializeFlow(flow)).samples.orders[0];
    expect(written).toEqual(JSON.parse(JSON.stringify({ when: new Date(0), list: [undefined, 1], text: 'a"\u2028' })));
  });

  it('writes the retry defaults the schema fills in on the first save, then nothing changes', () => {
    const flow = sampleFlow();
    (flow.nodes[3] as FlowDocument['nodes'][number]).retry = { maxAttempts: 3 } as FlowDocument['nodes'][number]['retry'];
    const first = serializeFlow(parseFlowText(serializeFlow(flow)).flow as FlowDocument);
    expect(first).toContain('"retry": {\n        "maxAttempts": 3,\n        "backoffMs": 1000,\n        "maxBackoffMs": 60000\n      }');
    expect(serializeFlow(parseFlowText(first).flow as FlowDocument)).toBe(first);
  });
});
