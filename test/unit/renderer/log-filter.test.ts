// The Logs view's filters and its bounded list of lines (renderer/src/operations/log-filter.ts).
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../shared/api/runs.js';
import { appendLines, filterLog, logNodes, noLogFilter } from '../../../renderer/src/operations/log-filter.js';

const line = (seq: number, level: LogEntry['level'], message: string, nodeId?: string): LogEntry =>
  ({ seq, at: '2026-12-05T08:00:00.000Z', level, message, ...(nodeId === undefined ? {} : { nodeId }) });

const lines = [
  line(1, 'debug', 'POST /orders → 200', 'erp'),
  line(2, 'info', 'ERP accepted A-1', 'sent'),
  line(3, 'warn', 'queue is filling up'),
  line(4, 'error', '{"error":{"code":"HTTP_5XX"},"payload":{"id":"A-2"}}', 'failed'),
];

describe('log filter', () => {
  it('shows a level and the more severe ones', () => {
    expect(filterLog(lines, noLogFilter).map((each) => each.seq)).toEqual([1, 2, 3, 4]);
    expect(filterLog(lines, { ...noLogFilter, minLevel: 'info' }).map((each) => each.seq)).toEqual([2, 3, 4]);
    expect(filterLog(lines, { ...noLogFilter, minLevel: 'warn' }).map((each) => each.seq)).toEqual([3, 4]);
    expect(filterLog(lines, { ...noLogFilter, minLevel: 'error' }).map((each) => each.seq)).toEqual([4]);
  });

  it('keeps one node\'s lines, and finds a text in the message or the node id whatever its case', () => {
    expect(filterLog(lines, { ...noLogFilter, nodeId: 'sent' }).map((each) => each.seq)).toEqual([2]);
    expect(filterLog(lines, { ...noLogFilter, text: 'a-2' }).map((each) => each.seq)).toEqual([4]);
    expect(filterLog(lines, { ...noLogFilter, text: ' ERP ' }).map((each) => each.seq)).toEqual([1, 2]);
    expect(filterLog(lines, { minLevel: 'info', nodeId: 'erp', text: '' })).toEqual([]);
  });

  it('offers the nodes that wrote lines, sorted, without the run\'s own lines', () => {
    expect(logNodes(lines)).toEqual(['erp', 'failed', 'sent']);
  });

  it('appends each newer line once and drops the oldest past the bound', () => {
    expect(appendLines(lines.slice(0, 2), lines.slice(1)).lines.map((each) => each.seq)).toEqual([1, 2, 3, 4]);
    expect(appendLines(lines, [lines[3]!])).toEqual({ lines, dropped: false });
    expect(appendLines(lines.slice(0, 3), [lines[3]!], 2)).toEqual({ lines: lines.slice(2), dropped: true });
  });
});
