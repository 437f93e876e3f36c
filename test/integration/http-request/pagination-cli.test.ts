// http.request pagination through the real `pipewright` command: `run --json` collects a cursor-paged
// API on 127.0.0.1 into one message per item, and `validate` names the field of a bad pagination
// config (unknown style, missing cursor path, pagination on a POST, a broken JSONata items path).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPagingServer, type PagingServer } from '../../fixtures/http/paging-server.js';
import { chainFlow, hasStackTrace, stdoutJson, Workspace } from '../cli/cli-harness.js';

let server: PagingServer;
let ws: Workspace;

beforeAll(async () => {
  server = await startPagingServer({ total: 23, pageSize: 10 });
  ws = new Workspace();
});

afterAll(async () => {
  ws?.remove();
  await server?.close();
});

describe('pipewright with a paginating http.request', () => {
  it('runs a cursor-paged listing to one output per item with run --json', async () => {
    ws.write('flows/listing.flow.json', chainFlow('listing', [
      ['start', 'trigger.manual'],
      ['fetch', 'http.request', { url: `${server.url}/cursor?limit=10`, pagination: { style: 'cursor', cursor: 'meta.next', param: 'cursor', items: 'data', split: true } }],
      ['ids', 'transform.map', { expression: 'id' }],
    ]));
    ws.write('input.json', [{}]);
    const result = await ws.run(['run', 'listing', '--input', 'input.json', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = stdoutJson<{ status: string; outputs: Record<string, unknown[]>; dead: unknown[] }>(result);
    expect(report.status).toBe('succeeded');
    expect(report.dead).toEqual([]);
    expect(report.outputs.ids).toEqual(Array.from({ length: 23 }, (_, index) => index + 1));
    expect(server.requests.map((r) => r.page)).toEqual([1, 2, 3]);
  });

  it('rejects a bad pagination config in validate with the field path', async () => {
    const node = (id: string, config: Record<string, unknown>): [string, string, Record<string, unknown>] => [id, 'http.request', { url: `${server.url}/x`, ...config }];
    const flows: Record<string, Record<string, unknown>> = {
      'bad-style': { pagination: { style: 'pages' } },
      'no-cursor': { pagination: { style: 'cursor', param: 'after' } },
      'post-pages': { method: 'POST', pagination: { style: 'link' } },
      'bad-items': { pagination: { style: 'page', items: 'results[' } },
    };
    for (const [id, config] of Object.entries(flows)) ws.write(`flows/${id}.flow.json`, chainFlow(id, [['start', 'trigger.manual'], node('fetch', config)]));
    const result = await ws.run(['validate', ...Object.keys(flows)]);
    expect(result.code).toBe(2);
    expect(hasStackTrace(result.stderr)).toBe(false);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toEqual(expect.arrayContaining([
      'flows/bad-style.flow.json:nodes[1].config.pagination.style INVALID_CONFIG must be one of "link", "cursor", "page", "offset"',
      'flows/no-cursor.flow.json:nodes[1].config.pagination.cursor INVALID_CONFIG is required',
      "flows/post-pages.flow.json:nodes[1].config.pagination INVALID_CONFIG only GET requests can be paginated; this node's method is POST",
      expect.stringMatching(/^flows\/bad-items\.flow\.json:nodes\[1\]\.config\.pagination\.items:\d+(-\d+)? JSONATA_SYNTAX /),
    ]));
  });
});
