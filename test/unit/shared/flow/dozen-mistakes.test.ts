import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFlowText } from '../../../../shared/flow/parse.js';

const file = 'test/fixtures/flows/dozen-mistakes.flow.json';
const text = readFileSync(new URL('../../../fixtures/flows/dozen-mistakes.flow.json', import.meta.url), 'utf8');

describe('a flow file with a dozen mistakes', () => {
  it('reports every one of them at once, each with its path', () => {
    const { flow, problems } = parseFlowText(text, file);
    expect(flow).toBeUndefined();
    expect(problems.map((problem) => `${problem.code} ${problem.path ?? ''}`)).toEqual([
      'SCHEMA description',
      'SCHEMA nodes[2].position',
      'SCHEMA nodes[2].postion',
      'JSONATA_SYNTAX nodes[1].config.expression',
      'INVALID_CONFIG nodes[3].config.timeoutMs',
      'JSONATA_SYNTAX nodes[3].config.url',
      'DUPLICATE_NODE_ID nodes[4].id',
      'UNKNOWN_NODE_TYPE nodes[5].type',
      'UNKNOWN_PORT edges[2].port',
      'DUPLICATE_EDGE edges[4]',
      'UNKNOWN_EDGE_TARGET edges[5].to',
      'UNKNOWN_EDGE_SOURCE edges[6].from',
      'TRIGGER_HAS_INPUT edges[7].to',
      'CYCLE edges[8]',
      'UNKNOWN_SAMPLE_NODE samples.order',
      'TEST_INPUT_NOT_TRIGGER tests[0].input.toErp',
      'UNKNOWN_TEST_NODE tests[0].expect.nobody',
      'FLOW_ID_MISMATCH id',
    ]);
    expect(problems.every((problem) => problem.file === file)).toBe(true);
  });

  it('points JSONata problems at the broken characters', () => {
    const { problems } = parseFlowText(text, file);
    const jsonata = problems.filter((problem) => problem.code === 'JSONATA_SYNTAX');
    const expression = '{ "total": $sum(lines.(qty*price) }';
    const url = 'https://erp.example/orders/{{ orderNo ] }}';
    expect(jsonata.map((problem) => problem.range)).toEqual([
      { start: 34, end: 35 },
      { start: 38, end: 39 },
    ]);
    expect(expression.slice(34, 35)).toBe('}');
    expect(url.slice(38, 39)).toBe(']');
  });
});
