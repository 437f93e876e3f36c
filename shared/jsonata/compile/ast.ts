// The shape of the AST `jsonata(source).ast()` gives (jsonata 2.x's parser after its processAST pass),
// as far as the compiler reads it. Fields the compiler does not know make it fall back (./compile.ts).
export interface AstNode {
  type: string;
  value?: unknown;
  position?: number;
  steps?: AstNode[];
  stages?: AstNode[];
  predicate?: AstNode[];
  group?: { lhs: [AstNode, AstNode][]; position?: number };
  expressions?: AstNode[];
  /** `lhs` is a node for binary/bind/apply, pairs for an object constructor. */
  lhs?: AstNode | [AstNode, AstNode][];
  rhs?: AstNode;
  expr?: AstNode;
  expression?: AstNode;
  condition?: AstNode;
  then?: AstNode;
  else?: AstNode;
  procedure?: AstNode;
  arguments?: AstNode[];
  body?: AstNode;
  signature?: unknown;
  terms?: { descending: boolean; expression: AstNode }[];
  keepArray?: boolean;
  keepSingletonArray?: boolean;
  consarray?: boolean;
  thunk?: boolean;
  tuple?: boolean;
  focus?: string;
  index?: string;
  ancestor?: unknown;
  seekingParent?: unknown;
}

/** Thrown while compiling: the expression falls back to jsonata, with this reason. */
export class Unsupported extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'Unsupported';
  }
}
