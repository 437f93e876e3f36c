// The sub-expression under the cursor: the smallest part of the expression's syntax tree whose text
// holds the cursor, found from the positions jsonata's parser records (`jsonata(expr).ast()`). The
// parser keeps only where each token ends, so a node's span is worked out from its own token and its
// children's spans. In a path (`a.b.c`), the step under the cursor stands for the path up to it
// (`a.b`), since a step alone means nothing outside its path. Pure, unit-tested
// (test/unit/renderer/workbench-sub-expression.test.ts).
import jsonata from 'jsonata';
import type { AstNode } from '../../../shared/jsonata/compile/ast.js';

export interface Span {
  start: number;
  end: number;
}

/** The text of the smallest sub-expression around `offset`, or undefined (no parse, or the whole). */
export function subExpressionAt(expression: string, offset: number): { text: string; span: Span } | undefined {
  let ast: AstNode;
  try {
    ast = jsonata(expression).ast() as unknown as AstNode;
  } catch {
    return undefined;
  }
  const candidates: Span[] = [];
  spanOf(ast, expression, candidates);
  let best: Span | undefined;
  for (const span of candidates) {
    if (span.start > offset || span.end < offset || span.end <= span.start) continue;
    if (!best || span.end - span.start < best.end - best.start) best = span;
  }
  if (!best) return undefined;
  const text = expression.slice(best.start, best.end).trim();
  if (text === '' || text === expression.trim()) return undefined;
  return { text, span: best };
}

/** The span of `node` (pushed to `out` with those of its parts). */
function spanOf(node: AstNode, source: string, out: Span[]): Span | undefined {
  const parts: Span[] = [];
  const add = (child: AstNode | undefined) => {
    const span = child && typeof child === 'object' && 'type' in child ? spanOf(child, source, out) : undefined;
    if (span) parts.push(span);
  };
  if (node.type === 'path' && node.steps) {
    let prefix: Span | undefined;
    for (const step of node.steps) {
      const span = spanOf(step, source, []);
      if (!span) continue;
      prefix = prefix ? { start: prefix.start, end: span.end } : span;
      // The step's own parts (a filter, a block) are candidates too, but the step itself is its prefix.
      for (const stage of step.stages ?? []) add(stage.expr);
      for (const expression of step.expressions ?? []) add(expression);
      out.push({ ...prefix });
    }
    return prefix;
  }
  const own = tokenSpan(node, source);
  if (own) parts.push(own);
  // A call's name alone is no value worth showing: it counts only as part of the call.
  const procedure = node.procedure ? spanOf(node.procedure, source, []) : undefined;
  if (procedure) parts.push(procedure);
  for (const key of ['rhs', 'condition', 'then', 'else', 'expr'] as const) add(node[key]);
  if (Array.isArray(node.lhs)) for (const pair of node.lhs) for (const item of pair) add(item);
  else add(node.lhs);
  for (const list of [node.expressions, node.arguments, node.stages, node.predicate]) for (const item of list ?? []) add(item);
  if (parts.length === 0) return undefined;
  let start = Math.min(...parts.map((part) => part.start));
  let end = Math.max(...parts.map((part) => part.end));
  // Calls, blocks, arrays and objects end at a closing bracket the parser does not record.
  if (closesWithBracket(node)) {
    const close = source.slice(end).search(/[)\]}]/);
    if (close !== -1) end += close + 1;
  }
  start = Math.max(0, start);
  const span = { start, end };
  out.push(span);
  return span;
}

function closesWithBracket(node: AstNode): boolean {
  if (node.type === 'function' || node.type === 'block' || node.type === 'filter') return true;
  return node.type === 'unary' && (node.value === '[' || node.value === '{');
}

/** Where a node's own token lies: it ends at `position`; its length follows from its kind. */
function tokenSpan(node: AstNode, source: string): Span | undefined {
  if (node.position === undefined) return undefined;
  const end = node.position;
  switch (node.type) {
    case 'name': {
      const name = String(node.value);
      return { start: source[end - 1] === '`' ? end - name.length - 2 : end - name.length, end };
    }
    case 'variable':
      return { start: end - String(node.value).length - 1, end };
    case 'string':
      return { start: Math.max(0, source.lastIndexOf(source[end - 1] ?? '"', end - 2)), end };
    case 'number':
    case 'value':
      return { start: end - String(node.value).length, end };
    default:
      return { start: end - String(node.value ?? '').length, end };
  }
}
