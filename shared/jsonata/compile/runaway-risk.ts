// Whether a compiled expression may run inside the host's own process (docs/jsonata-compiler.md
// "Where compiled code runs"). Compiled code checks its time and depth limits at every loop iteration
// and call, so loops and recursion cannot run away; what it cannot interrupt is one built-in call over
// a value that is huge before the call starts. Payloads are bounded by the engine's limits, so huge
// values come only from the expression itself: a range with bounds taken from data or spanning more than
// SMALL_SPAN, or `$pad` to a width that is not a small literal. Such expressions are evaluated where a
// watchdog can stop them (main/engine/mapping/evaluation-pool.ts), like everything the compiler leaves
// to jsonata. Pure: walks the AST `jsonata(source).ast()` gives.

/** The largest literal span of a range, or width of `$pad`, that runs in-process. */
const SMALL_SPAN = 100_000;

type AstNode = Record<string, unknown>;

/** Why the expression must not run in-process, or undefined when every built-in call in it is bounded. */
export function runawayRisk(ast: unknown): string | undefined {
  const pending: unknown[] = [ast];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      pending.push(...(node as unknown[]));
      continue;
    }
    if (!isNode(node)) continue;
    const risk = riskOf(node);
    if (risk !== undefined) return risk;
    for (const [key, child] of Object.entries(node)) {
      // A bounded `$pad(…, 12)` call: its procedure name is fine, its arguments are still looked at.
      if (key === 'procedure' && isPadCall(node)) continue;
      if (typeof child === 'object' && child !== null) pending.push(child);
    }
  }
  return undefined;
}

function riskOf(node: AstNode): string | undefined {
  if (node.type === 'binary' && node.value === '..') {
    const from = literalNumber(node.lhs);
    const to = literalNumber(node.rhs);
    if (from === undefined || to === undefined) return 'a range whose bounds come from data';
    if (to - from > SMALL_SPAN) return `a range of more than ${SMALL_SPAN.toLocaleString('en-US')} items`;
    return undefined;
  }
  if (isPadCall(node)) {
    const width = literalNumber((node.arguments as unknown[] | undefined)?.[1]);
    if (width === undefined || Math.abs(width) > SMALL_SPAN) return '$pad to a width that is not a small literal';
    return undefined;
  }
  // `$pad` passed around as a value: its width is unknowable here.
  if (node.type === 'variable' && node.value === 'pad') return '$pad used as a function value';
  return undefined;
}

function isPadCall(node: AstNode): boolean {
  if (node.type !== 'function') return false;
  const procedure = node.procedure;
  return isNode(procedure) && procedure.type === 'variable' && procedure.value === 'pad';
}

function literalNumber(node: unknown): number | undefined {
  if (!isNode(node)) return undefined;
  if (node.type === 'number' && typeof node.value === 'number') return node.value;
  // jsonata may keep a negative literal as a unary minus over a number.
  if (node.type === 'unary' && node.value === '-') {
    const inner = literalNumber(node.expression);
    return inner === undefined ? undefined : -inner;
  }
  return undefined;
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
