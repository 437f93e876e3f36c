// Compile-time scopes: which `$name` a reference means. jsonata binds `:=` in the innermost frame — a
// block's, a lambda call's, or the evaluation's — and looks names up outwards at run time; a name bound
// later in the same block is still the outer one until its `:=` runs. So each scope lists its names
// (found by scanning its body before compiling it), and a reference becomes the list of slots it may
// mean, innermost first, each checked for UNBOUND only when it is not a lambda parameter.
import type { AstNode } from './ast.js';

export type ScopeKind = 'root' | 'block' | 'lambda';

export interface SlotCandidate {
  hops: number;
  slot: number;
  /** A lambda parameter is always bound (possibly to undefined): the search stops there. */
  certain: boolean;
}

export class CompileScope {
  readonly names: string[] = [];

  constructor(
    readonly kind: ScopeKind,
    readonly parent: CompileScope | undefined,
    readonly parameterCount = 0,
  ) {}

  /** A block without `:=` of its own makes no frame at run time. */
  get materialized(): boolean {
    return this.kind !== 'block' || this.names.length > 0;
  }

  private self(): CompileScope {
    return this;
  }

  slotOf(name: string): number {
    return this.names.indexOf(name);
  }

  declare(name: string): void {
    if (!this.names.includes(name)) this.names.push(name);
  }

  /** The slots `$name` may mean at this point, innermost first, up to the first certain one. */
  resolve(name: string): SlotCandidate[] {
    const candidates: SlotCandidate[] = [];
    let hops = 0;
    for (let scope: CompileScope | undefined = this.self(); scope; scope = scope.parent) {
      const slot = scope.slotOf(name);
      if (slot >= 0) {
        const certain = scope.kind === 'lambda' && slot < scope.parameterCount;
        candidates.push({ hops, slot, certain });
        if (certain) break;
      }
      if (scope.materialized) hops++;
    }
    return candidates;
  }
}

/** Declares in `scope` every `$name :=` of `nodes` that binds in it: those not inside a nested block or lambda. */
export function declareBindings(nodes: readonly AstNode[], scope: CompileScope): void {
  const pending: unknown[] = [...nodes];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      pending.push(...(node as unknown[]));
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    const ast = node as AstNode;
    if (ast.type === 'block' || (ast.type === 'lambda' && ast.thunk !== true)) continue;
    if (ast.type === 'bind' && ast.lhs && !Array.isArray(ast.lhs)) scope.declare(String(ast.lhs.value));
    for (const child of Object.values(ast)) if (typeof child === 'object' && child !== null) pending.push(child);
  }
}
