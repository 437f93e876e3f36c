import { describe, expect, it } from 'vitest';
import { PipewrightError } from '../../../../shared/errors.js';
import { parseNodeConfig, validateFlow } from '../../../../shared/flow/validate.js';
import { brokenFlow, sampleFlow } from './sample-flow.js';

function problemsOf(doc: unknown, options?: Parameters<typeof validateFlow>[1]) {
  const result = validateFlow(doc, options);
  expect(result.flow).toBeUndefined();
  return result.problems;
}

describe('validateFlow', () => {
  it('accepts the design example and returns it', () => {
    const result = validateFlow(sampleFlow(), { expectedId: 'orders-to-erp' });
    expect(result.problems).toEqual([]);
    expect(result.flow).toEqual(sampleFlow());
  });

  it('keeps configs as written instead of filling in defaults', () => {
    const flow = validateFlow(sampleFlow()).flow;
    expect(flow?.nodes[3]?.config).toEqual({ method: 'POST', url: 'https://erp.example/api/orders', credential: 'erp-api' });
  });

  it('reports schema problems in plain words with their paths', () => {
    const problems = problemsOf(
      brokenFlow((doc) => {
        doc.format = 'pipewright/flow@2';
        doc.nodez = [];
        delete doc.nodes[1].position;
        doc.nodes[2].position = ['520', 0];
        doc.nodes[3].retry.maxAttempts = 1.5;
      }),
    );
    expect(problems).toEqual([
      { code: 'SCHEMA', path: 'format', message: 'must be "pipewright/flow@1"' },
      { code: 'SCHEMA', path: 'nodes[1].position', message: 'is required' },
      { code: 'SCHEMA', path: 'nodes[2].position[0]', message: 'must be a number, not a string' },
      { code: 'SCHEMA', path: 'nodes[3].retry.maxAttempts', message: 'must be a whole number, not the fraction 1.5' },
      { code: 'SCHEMA', path: 'nodez', message: 'unknown key "nodez" (check the spelling)' },
    ]);
  });

  it('describes wrong types in plain words', () => {
    const problems = problemsOf(
      brokenFlow((doc) => {
        doc.nodes[0].position = [Infinity, 0];
        doc.tests[0].input = [];
        delete doc.tests[0].expect;
      }),
    );
    expect(problems).toEqual([
      { code: 'SCHEMA', path: 'nodes[0].position[0]', message: 'must be a finite number' },
      { code: 'SCHEMA', path: 'tests[0].input', message: 'must be an object, not an array' },
      { code: 'SCHEMA', path: 'tests[0].expect', message: 'is required' },
    ]);
  });

  it('reports a document that is not an object without a path', () => {
    expect(problemsOf(null)).toEqual([{ code: 'SCHEMA', message: 'must be an object, not null' }]);
    expect(problemsOf([1])).toEqual([{ code: 'SCHEMA', message: 'must be an object, not an array' }]);
  });

  it('reports an unknown node type and lists the known ones', () => {
    const [problem, ...rest] = problemsOf(brokenFlow((doc) => (doc.nodes[1].type = 'transform.mapp')));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: 'UNKNOWN_NODE_TYPE', path: 'nodes[1].type' });
    expect(problem?.message).toContain('"transform.mapp"');
    expect(problem?.message).toContain('transform.map, transform.filter');
  });

  it('reports a duplicate node id at the second node', () => {
    const problems = problemsOf(brokenFlow((doc) => (doc.nodes[2].id = 'toErp')));
    expect(problems).toContainEqual({
      code: 'DUPLICATE_NODE_ID',
      path: 'nodes[2].id',
      message: 'node id "toErp" is already used by nodes[1]; node ids must be unique',
    });
  });

  it('reports invalid config under the node\'s config path', () => {
    const problems = problemsOf(
      brokenFlow((doc) => {
        doc.nodes[3].config.timeoutMs = 0;
        doc.nodes[3].config.mehtod = 'POST';
        doc.nodes[2].config = { condition: '' };
      }),
    );
    expect(problems).toEqual([
      { code: 'INVALID_CONFIG', path: 'nodes[2].config.condition', message: 'a condition is required' },
      { code: 'INVALID_CONFIG', path: 'nodes[3].config.timeoutMs', message: 'must be at least 1' },
      { code: 'INVALID_CONFIG', path: 'nodes[3].config.mehtod', message: 'unknown key "mehtod" (check the spelling)' },
    ]);
  });

  it('reports edges whose ends are not nodes', () => {
    const problems = problemsOf(
      brokenFlow((doc) => {
        doc.edges[1].from = 'toERP';
        doc.edges[2].to = 'erpp';
      }),
    );
    expect(problems).toEqual([
      { code: 'UNKNOWN_EDGE_SOURCE', path: 'edges[1].from', message: 'edge starts at "toERP", which is not a node of this flow' },
      { code: 'UNKNOWN_EDGE_TARGET', path: 'edges[2].to', message: 'edge ends at "erpp", which is not a node of this flow' },
    ]);
  });

  it('reports a duplicate edge, treating an omitted port as "out"', () => {
    const problems = problemsOf(brokenFlow((doc) => doc.edges.push({ from: 'toErp', port: 'out', to: 'big' })));
    expect(problems).toEqual([{ code: 'DUPLICATE_EDGE', path: 'edges[3]', message: 'same edge as edges[1] ("toErp" port "out" → "big")' }]);
  });

  it('reports an unknown port and lists the valid ones, error included', () => {
    const problems = problemsOf(brokenFlow((doc) => (doc.edges[2].port = 'rejectd')));
    expect(problems).toEqual([
      {
        code: 'UNKNOWN_PORT',
        path: 'edges[2].port',
        message: 'node "big" (transform.filter) has no port "rejectd"; its ports are "out", "rejected", "error"',
      },
    ]);
  });

  it('accepts the error port and the ports a switch defines in its rules', () => {
    const result = validateFlow(
      brokenFlow((doc) => {
        doc.nodes.push({ id: 'route', type: 'transform.switch', position: [0, 200], config: { rules: [{ port: 'eu', condition: 'region = "EU"' }] } });
        doc.nodes.push({ id: 'log', type: 'output.log', position: [200, 200], config: {} });
        doc.edges.push({ from: 'erp', port: 'error', to: 'log' }, { from: 'toErp', to: 'route' }, { from: 'route', port: 'eu', to: 'log' }, { from: 'route', port: 'default', to: 'log' });
      }),
    );
    expect(result.problems).toEqual([]);
  });

  it('reports an edge without a port from a node that has no "out" port at the edge', () => {
    const problems = problemsOf(
      brokenFlow((doc) => {
        doc.nodes.push({ id: 'route', type: 'transform.switch', position: [0, 200], config: { rules: [{ port: 'eu', condition: 'true' }] } });
        doc.edges.push({ from: 'route', to: 'erp' });
      }),
    );
    expect(problems).toEqual([
      { code: 'UNKNOWN_PORT', path: 'edges[3]', message: 'node "route" (transform.switch) has no port "out"; its ports are "eu", "default", "error"' },
    ]);
  });

  it('reports an edge into a trigger', () => {
    const problems = problemsOf(brokenFlow((doc) => doc.edges.push({ from: 'erp', to: 'orders' })));
    expect(problems).toEqual([
      { code: 'TRIGGER_HAS_INPUT', path: 'edges[3].to', message: '"orders" is a trigger (trigger.manual) and cannot receive messages; remove this edge' },
    ]);
  });

  it('reports a cycle and names the nodes on it', () => {
    const problems = problemsOf(brokenFlow((doc) => doc.edges.push({ from: 'erp', to: 'toErp' })));
    expect(problems).toEqual([
      {
        code: 'CYCLE',
        path: 'edges[1]',
        message: 'nodes "toErp" → "big" → "erp" → "toErp" form a cycle; flows must not loop, remove one of these edges',
      },
    ]);
  });

  it('reports a self-loop as a cycle at its edge', () => {
    const problems = problemsOf(brokenFlow((doc) => doc.edges.push({ from: 'big', port: 'rejected', to: 'big' })));
    expect(problems).toEqual([{ code: 'CYCLE', path: 'edges[3]', message: 'edge from "big" back to itself makes a loop; flows must not loop' }]);
  });

  it('reports JSONata syntax errors with the field path and the range inside the expression', () => {
    const problems = problemsOf(brokenFlow((doc) => (doc.nodes[2].config.condition = 'total >= 100 and')));
    expect(problems).toEqual([
      { code: 'JSONATA_SYNTAX', path: 'nodes[2].config.condition', message: 'Unexpected end of expression (JSONata S0207)', range: { start: 16, end: 16 } },
    ]);
  });

  it('reports template errors with the range inside the whole template', () => {
    const problems = problemsOf(
      brokenFlow((doc) => {
        doc.nodes[3].config.url = 'https://erp.example/api/orders/{{ orderNo ] }}';
        doc.nodes[3].config.headers = { 'X-Order': '{{ id' };
      }),
    );
    expect(problems).toEqual([
      { code: 'JSONATA_SYNTAX', path: 'nodes[3].config.url', message: 'Syntax error: "]" (JSONata S0201)', range: { start: 42, end: 43 } },
      { code: 'JSONATA_SYNTAX', path: 'nodes[3].config.headers["X-Order"]', message: 'Unclosed "{{" in template: add the matching "}}".', range: { start: 0, end: 5 } },
    ]);
  });

  it('reports JSONata errors inside switch rules at the rule\'s condition', () => {
    const problems = problemsOf(
      brokenFlow((doc) => {
        doc.nodes.push({ id: 'route', type: 'transform.switch', position: [0, 200], config: { rules: [{ port: 'a', condition: 'true' }, { port: 'b', condition: 'x ==' }] } });
      }),
    );
    expect(problems).toMatchObject([{ code: 'JSONATA_SYNTAX', path: 'nodes[4].config.rules[1].condition' }]);
  });

  it('still checks the JSONata of a node whose config has another problem', () => {
    const problems = problemsOf(
      brokenFlow((doc) => {
        doc.nodes[3].config.timeoutMs = -1;
        doc.nodes[3].config.body = '$sum(';
      }),
    );
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['INVALID_CONFIG', 'nodes[3].config.timeoutMs'],
      ['JSONATA_SYNTAX', 'nodes[3].config.body'],
    ]);
  });

  it('does not report the same field twice when its config check already failed', () => {
    const problems = problemsOf(brokenFlow((doc) => (doc.nodes[1].config.expression = '')));
    expect(problems).toEqual([{ code: 'INVALID_CONFIG', path: 'nodes[1].config.expression', message: 'a mapping expression is required' }]);
  });

  it('reports a flow id that differs from the file stem', () => {
    expect(problemsOf(sampleFlow(), { expectedId: 'orders' })).toEqual([
      { code: 'FLOW_ID_MISMATCH', path: 'id', message: 'flow id "orders-to-erp" must equal the file name "orders"' },
    ]);
  });

  it('reports samples and tests that refer to missing nodes, and test input for a non-trigger', () => {
    const problems = problemsOf(
      brokenFlow((doc) => {
        doc.samples.order = [];
        doc.tests[0].input.toErp = [{}];
        doc.tests[0].input.nobody = [{}];
        doc.tests[0].expect['no such node'] = [];
      }),
    );
    expect(problems).toEqual([
      { code: 'UNKNOWN_SAMPLE_NODE', path: 'samples.order', message: 'samples for "order", which is not a node of this flow' },
      { code: 'TEST_INPUT_NOT_TRIGGER', path: 'tests[0].input.toErp', message: 'test input for "toErp", which is not a trigger; tests start at trigger nodes' },
      { code: 'UNKNOWN_TEST_NODE', path: 'tests[0].input.nobody', message: 'test input for "nobody", which is not a node of this flow' },
      { code: 'UNKNOWN_TEST_NODE', path: 'tests[0].expect["no such node"]', message: 'test expects output of "no such node", which is not a node of this flow' },
    ]);
  });

  it('runs the graph checks when a config is broken', () => {
    const problems = problemsOf(
      brokenFlow((doc) => {
        doc.nodes[1].config = { expression: 42 };
        doc.edges.push({ from: 'erp', to: 'orders' });
      }),
    );
    expect(problems.map((problem) => problem.code)).toEqual(['INVALID_CONFIG', 'TRIGGER_HAS_INPUT']);
  });

  it('sets the file on every problem', () => {
    const problems = problemsOf(brokenFlow((doc) => (doc.edges[0].to = 'x')), { file: 'flows/orders-to-erp.flow.json' });
    expect(problems.every((problem) => problem.file === 'flows/orders-to-erp.flow.json')).toBe(true);
  });

  it('keeps user payload keys such as "__proto__" in samples', () => {
    const doc = JSON.parse(JSON.stringify(sampleFlow()).replace('"orders":[{"id"', '"orders":[{"__proto__":{"x":1},"id"'));
    const flow = validateFlow(doc).flow;
    expect(Object.keys(flow?.samples?.orders?.[0] as object)).toEqual(['__proto__', 'id', 'lines']);
  });
});

describe('parseNodeConfig', () => {
  it('returns the kind\'s config with defaults filled in', () => {
    const node = sampleFlow().nodes[3];
    expect(parseNodeConfig(node as NonNullable<typeof node>)).toEqual({
      method: 'POST',
      url: 'https://erp.example/api/orders',
      credential: 'erp-api',
      headers: {},
      timeoutMs: 30_000,
      concurrency: 8,
      output: 'body',
    });
  });

  it('throws INVALID_CONFIG listing the problems', () => {
    const run = () => parseNodeConfig({ id: 'big', type: 'transform.filter', config: {} });
    expect(run).toThrow(PipewrightError);
    expect(run).toThrow('Node "big" has an invalid config: config.condition: is required.');
  });

  it('throws UNKNOWN_NODE_TYPE for a type the catalog does not know', () => {
    expect(() => parseNodeConfig({ id: 'x', type: 'nope', config: {} })).toThrow(expect.objectContaining({ code: 'UNKNOWN_NODE_TYPE' }));
  });
});
