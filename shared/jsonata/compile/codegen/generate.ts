// Generated JavaScript for the common subset of expressions (docs/jsonata-compiler.md "Generated code").
// The closures of ../nodes/ run every node through code shared by all expressions, whose call sites and
// property loads see every kind of node, so V8 can neither inline across them nor specialise the loads.
// For a region of the AST made of the constructs below, this writes one JavaScript function whose call
// sites and property loads belong to that expression alone. Any other node inside the region is compiled
// by the closure compiler and called from the generated code as a captured constant, so the two mix per
// sub-expression. The source is made from the AST only: names and strings from the expression enter it
// through JSON.stringify, numbers as numeric literals of finite values (or as captured constants), and
// payload data never does. Where `new Function` is refused (a Content-Security-Policy without
// 'unsafe-eval', as in the designer), nothing is generated and the closures run.
import type { AstNode } from '../ast.js';
import type { NodeCompiler } from '../node-compiler.js';
import { positionOf } from '../node-compiler.js';
import type { Evaluator, Frame } from '../runtime.js';
import { CompileScope, declareBindings } from '../scope.js';
import { compileGeneralPath, plainNames } from '../nodes/paths.js';
import { OPERATIONS } from '../nodes/operators.js';
import { compileGroup, literalKeys } from '../nodes/constructors.js';
import { compileFilterStage } from '../nodes/filters.js';
import { GENERATED_RUNTIME, GENERATED_RUNTIME_NAMES } from './runtime-helpers.js';

/** Operators written out in the generated source; `in` and `..` stay closures (rare in mappings). */
const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);
const ORDERING = new Set(['<', '<=', '>', '>=']);
/** Keys a built-in function value has as own properties: only these need the built-in check on lookup. */
const BUILTIN_KEYS = new Set(['name', 'signature', 'invoke']);

/**
 * Built-ins whose usual case is written out: when the call's procedure is still the built-in and the
 * arguments have these exact types, the result is what the built-in's signature check and body give
 * (../functions/), without the check, the argument array or the call context. Any other arguments take
 * the ordinary call. Each entry gives the type test and the result, over the argument temporaries.
 */
const INLINE_BUILTINS: Readonly<Record<string, (args: string[]) => { test: string; value: string } | undefined>> = {
  uppercase: ([text, ...rest]) => (text && rest.length === 0 ? { test: `typeof ${text} === 'string'`, value: `${text}.toUpperCase()` } : undefined),
  lowercase: ([text, ...rest]) => (text && rest.length === 0 ? { test: `typeof ${text} === 'string'`, value: `${text}.toLowerCase()` } : undefined),
  // `<a<n>:n>`: an array whose items are all numbers (an empty one sums to 0)
  sum: ([numbers, ...rest]) => (numbers && rest.length === 0 ? { test: `Array.isArray(${numbers}) && allNumbers(${numbers})`, value: `sumNumbers(${numbers})` } : undefined),
  count: ([items, ...rest]) => (items && rest.length === 0 ? { test: `Array.isArray(${items})`, value: `${items}.length` } : undefined),
  // `<n-n?:n>`: a number, and a number of places or none
  round: ([value, precision, ...rest]) =>
    value && rest.length === 0
      ? { test: `typeof ${value} === 'number'${precision ? ` && typeof ${precision} === 'number'` : ''}`, value: `roundHalfEven(${value}, ${precision ?? 'undefined'})` }
      : undefined,
};

/** Fields that make jsonata evaluate a node some other way (tuples, focus, parent): never generated. */
function plain(node: AstNode): boolean {
  return (
    !node.predicate &&
    !node.group &&
    !node.keepArray &&
    !node.tuple &&
    node.focus === undefined &&
    node.index === undefined &&
    node.ancestor === undefined &&
    node.seekingParent === undefined
  );
}

/** A call `$name(…)` of a built-in that no scope binds (the evaluation's bindings may still replace it). */
function builtinCallName(node: AstNode, scope: CompileScope, compiler: NodeCompiler): string | undefined {
  const procedure = node.procedure;
  if (procedure?.type !== 'variable' || !plain(procedure)) return undefined;
  const name = procedure.value;
  if (typeof name !== 'string' || name === '' || name === '$') return undefined;
  if (scope.resolve(name).length > 0 || !compiler.builtins.has(name)) return undefined;
  return name;
}

/** A path the step-by-step algorithm of ../nodes/paths.ts evaluates, without order-by or a constructed first step. */
function steppable(node: AstNode): boolean {
  const steps = node.steps ?? [];
  if (node.keepSingletonArray || steps.length === 0) return false;
  return steps.every((step, index) => step.type !== 'sort' && !(index === 0 && step.consarray) && (step.stages ?? []).every((stage) => stage.type === 'filter'));
}

/** A block without `:=` of its own, which makes no frame. */
function bindsNothing(node: AstNode): boolean {
  const probe = new CompileScope('block', undefined);
  declareBindings(node.expressions ?? [], probe);
  return probe.names.length === 0;
}

/** Whether `node` is written out as source (else it is a captured closure). */
function generatable(node: AstNode, scope: CompileScope, compiler: NodeCompiler): boolean {
  if (!plain(node)) return false;
  switch (node.type) {
    case 'string':
    case 'value':
      return true;
    case 'number':
      return typeof node.value === 'number';
    case 'path':
      return plainNames(node) !== undefined || steppable(node);
    case 'name':
      return true;
    case 'block':
      return bindsNothing(node);
    case 'variable':
      return node.value === '';
    case 'binary': {
      const operator = String(node.value);
      return ARITHMETIC.has(operator) || ORDERING.has(operator) || ['=', '!=', '&', 'and', 'or'].includes(operator);
    }
    case 'condition':
      return true;
    case 'unary':
      if (node.value === '-') return true;
      return node.value === '{' && literalKeys({ lhs: node.lhs as [AstNode, AstNode][] }) !== undefined;
    case 'function':
      return builtinCallName(node, scope, compiler) !== undefined;
    default:
      return false;
  }
}

/** One generated function under construction: its captured constants and temporaries. */
class Emitter {
  private readonly constants: unknown[] = [];
  private temporaries = 0;

  constructor(private readonly compiler: NodeCompiler) {}

  /** The name under which the generated code sees `value`. */
  constant(value: unknown): string {
    this.constants.push(value);
    return `k${this.constants.length - 1}`;
  }

  /**
   * A closure for a case the generated code hands over (an array where one value is usual), compiled the
   * first time it is needed: compiling it now would compile the region's children a second time. Its
   * children compiled once already, so compiling them again cannot fail.
   */
  lazyConstant(compile: () => Evaluator): string {
    let compiled: Evaluator | undefined;
    return this.constant((input: unknown, frame: Frame) => (compiled ??= compile())(input, frame));
  }

  temporary(): string {
    return `t${this.temporaries++}`;
  }

  /** Statements that leave in `target` what compileNode's evaluator of `node` returns for `input`. */
  into(node: AstNode, scope: CompileScope, input: string, target: string): string {
    if (!generatable(node, scope, this.compiler)) {
      const closure = this.constant(this.compiler.compile(node, scope));
      return `${target} = ${closure}(${input}, frame);\n`;
    }
    switch (node.type) {
      case 'string':
      case 'value':
        return `${target} = ${this.literal(node.value)};\n`;
      case 'number':
        return `${target} = ${this.literal(node.value)};\n`;
      case 'path':
        return plainNames(node) === undefined ? this.steps(node, scope, input, target) : this.namePath(node, scope, input, target);
      case 'name':
        return `run.steps++;\n${target} = norm(Array.isArray(${input}) ? lookupProperty(${input}, ${JSON.stringify(String(node.value))}) : ${this.lookup(input, String(node.value))});\n`;
      case 'block':
        return this.block(node, scope, input, target);
      case 'variable':
        return `run.steps++;\n${target} = norm(Array.isArray(${input}) && ${input}.outerWrapper ? ${input}[0] : ${input});\n`;
      case 'binary':
        return this.binary(node, scope, input, target);
      case 'condition':
        return this.condition(node, scope, input, target);
      case 'unary':
        return node.value === '-' ? this.negation(node, scope, input, target) : this.object(node, scope, input, target);
      case 'function':
        return this.call(node, scope, input, target);
    }
    throw new Error(`generatable() let through a ${node.type} node`);
  }

  /** A literal from the expression: strings through JSON.stringify, finite numbers as numerals, the rest captured. */
  private literal(value: unknown): string {
    if (typeof value === 'string') return JSON.stringify(value);
    if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) return String(value);
    if (value === true || value === false || value === null) return String(value);
    return this.constant(value);
  }

  /** fn.lookup of `key` on a value known not to be an array (../values.ts lookupProperty). */
  private lookup(subject: string, key: string): string {
    const literal = JSON.stringify(key);
    const builtinCheck = BUILTIN_KEYS.has(key) ? ` && !isBuiltin(${subject})` : '';
    return `(${subject} !== null && typeof ${subject} === 'object' && hasOwn.call(${subject}, ${literal}) && !(${subject} instanceof FunctionValue)${builtinCheck} ? ${subject}[${literal}] : undefined)`;
  }

  /** `a.b.c`: the walk of ../nodes/paths.ts compileNamePath, written out; arrays go to the general algorithm. */
  private namePath(node: AstNode, scope: CompileScope, input: string, target: string): string {
    const names = plainNames(node) as string[];
    const general = this.constant(compileGeneralPath(node, scope, this.compiler));
    const label = this.temporary();
    const current = this.temporary();
    const toGeneral = `{ ${target} = norm(${general}(${input}, frame)); break ${label}; }`;
    let code = `run.steps++;\n${target} = undefined;\n${label}: {\nif (Array.isArray(${input})) ${toGeneral}\n${current} = ${input};\n`;
    names.forEach((name, index) => {
      code += `${current} = ${this.lookup(current, name)};\n`;
      if (index < names.length - 1) {
        code += `if (${current} === undefined) break ${label};\nif (Array.isArray(${current})) ${toGeneral}\n`;
      } else {
        code += `if (Array.isArray(${current}) && ${current}.sequence === true) ${toGeneral}\n`;
      }
    });
    return `${code}${target} = ${current};\n}\n`;
  }

  /**
   * A path step by step (../nodes/paths.ts compileGeneralPath and compileStep): each step over every item
   * of the previous step's sequence, its predicates, one level of flattening (not of constructed arrays),
   * and a lone array result of the last step returned as it is.
   */
  private steps(node: AstNode, scope: CompileScope, input: string, target: string): string {
    const steps = node.steps ?? [];
    const absolute = steps[0]?.type === 'variable';
    const label = this.temporary();
    const sequence = this.temporary();
    const result = this.temporary();
    let code = `run.steps++;\n${sequence} = ${absolute ? `sequenceOf(${input})` : `Array.isArray(${input}) ? ${input} : sequenceOf(${input})`};\n${result} = undefined;\n${label}: {\n`;
    steps.forEach((step, index) => {
      const last = index === steps.length - 1;
      const [flattened, count, first, position, item, value, inner] = Array.from({ length: 7 }, () => this.temporary()) as [string, string, string, string, string, string, string];
      const stages = (step.stages ?? []).map((stage) => `${value} = ${this.constant(compileFilterStage(stage, scope, this.compiler))}(${value}, frame);\n`).join('');
      code += `${flattened} = emptySequence();\n${count} = 0;\n${first} = undefined;\nfor (${position} = 0; ${position} < ${sequence}.length; ${position}++) {\nguard.tick();\n${item} = ${sequence}[${position}];\n`;
      code += `${this.into(step, scope, item, value)}${stages}if (${value} === undefined) continue;\nif (${count}++ === 0) ${first} = ${value};\n`;
      code += `if (!Array.isArray(${value}) || ${value}.cons) ${flattened}.push(${value});\nelse for (${inner} = 0; ${inner} < ${value}.length; ${inner}++) ${flattened}.push(${value}[${inner}]);\n}\n`;
      if (last) {
        code += `${result} = ${count} === 1 && Array.isArray(${first}) && ${first}.sequence !== true ? ${first} : ${flattened};\n`;
      } else {
        code += `${result} = ${flattened};\nif (${flattened}.length === 0) break ${label};\n${sequence} = ${flattened};\n`;
      }
    });
    return `${code}}\n${target} = norm(${result});\n`;
  }

  /** `( a; b )` without bindings: each expression in turn, the last one's value. */
  private block(node: AstNode, scope: CompileScope, input: string, target: string): string {
    const blockScope = new CompileScope('block', scope);
    const expressions = (node.expressions ?? []).map((expression) => this.into(expression, blockScope, input, target)).join('');
    return `run.steps++;\n${target} = undefined;\n${expressions}${target} = norm(${target});\n`;
  }

  private binary(node: AstNode, scope: CompileScope, input: string, target: string): string {
    const operator = String(node.value);
    const position = positionOf(node);
    const token = JSON.stringify(operator);
    const left = this.temporary();
    const right = this.temporary();
    let code = `run.steps++;\n${this.into(node.lhs as AstNode, scope, input, left)}`;
    if (operator === 'and' || operator === 'or') {
      // As ../nodes/operators.ts: the right side only when needed, its errors stamped with the operator too.
      const test = operator === 'and' ? target : `!${target}`;
      return `${code}try {\n${target} = boolize(${left});\nif (${test}) {\n${this.into(node.rhs as AstNode, scope, input, right)}${target} = boolize(${right});\n}\n} catch (error) { throw stamp(error, ${position}, ${token}); }\n`;
    }
    code += this.into(node.rhs as AstNode, scope, input, right);
    const operation = this.constant(OPERATIONS[operator]);
    const slow = `${target} = operate(${operation}, ${left}, ${right}, ${position}, ${token});`;
    if (ARITHMETIC.has(operator)) {
      // Finite numbers on both sides (x - x is 0 for nothing else) need none of numeric()'s checks.
      return `${code}if (typeof ${left} === 'number' && typeof ${right} === 'number' && ${left} - ${left} === 0 && ${right} - ${right} === 0) ${target} = ${left} ${operator} ${right};\nelse ${slow}\n`;
    }
    if (ORDERING.has(operator)) {
      const sameType = `((typeof ${left} === 'number' && typeof ${right} === 'number') || (typeof ${left} === 'string' && typeof ${right} === 'string'))`;
      return `${code}if ${sameType} ${target} = ${left} ${operator} ${right};\nelse ${slow}\n`;
    }
    if (operator === '=' || operator === '!=') {
      // deepEquals is === unless both sides are objects.
      const equal = `${left} === ${right}`;
      return `${code}if (typeof ${left} !== 'object' || typeof ${right} !== 'object') ${target} = ${left} !== undefined && ${right} !== undefined && ${operator === '=' ? equal : `!(${equal})`};\nelse ${slow}\n`;
    }
    // `&`
    return `${code}if (typeof ${left} === 'string' && typeof ${right} === 'string') ${target} = ${left} + ${right};\nelse ${slow}\n`;
  }

  private negation(node: AstNode, scope: CompileScope, input: string, target: string): string {
    const operand = this.temporary();
    return `run.steps++;\n${this.into(node.expression as AstNode, scope, input, operand)}${target} = negate(${operand}, ${positionOf(node)});\n`;
  }

  private condition(node: AstNode, scope: CompileScope, input: string, target: string): string {
    const test = this.temporary();
    const otherwise = node.else ? this.into(node.else, scope, input, target) : `${target} = undefined;\n`;
    return `run.steps++;\n${this.into(node.condition as AstNode, scope, input, test)}if (toBoolean(${test})) {\n${this.into(node.then as AstNode, scope, input, target)}} else {\n${otherwise}}\n${target} = norm(${target});\n`;
  }

  /**
   * `{ "k": v, … }` with distinct literal keys over a value that is not an array (../nodes/constructors.ts
   * compileGroup's shortcut): the values one after the other, and of several failures the one
   * evaluateConcurrently would report (fewest evaluation steps, earliest on a tie).
   */
  private object(node: AstNode, scope: CompileScope, input: string, target: string): string {
    const pairs = node.lhs as [AstNode, AstNode][];
    const group = this.lazyConstant(() => compileGroup({ lhs: pairs, position: positionOf(node) }, scope, this.compiler));
    const result = this.temporary();
    const value = this.temporary();
    const failure = this.temporary();
    const failureSteps = this.temporary();
    const before = this.temporary();
    let code = `run.steps++;\nif (Array.isArray(${input})) ${target} = ${group}(${input}, frame);\nelse {\n${result} = Object.create(null);\n${failure} = undefined;\n${failureSteps} = Infinity;\n`;
    for (const [key, valueNode] of pairs) {
      const assign = `if (${value} !== undefined) ${result}[${JSON.stringify(String(key.value))}] = ${value};\n`;
      code += `${before} = run.steps;\ntry {\n${this.into(valueNode, scope, input, value)}${assign}} catch (error) {\nif (!isJsonataError(error) || error.code === 'D1012') throw error;\nif (run.steps - ${before} < ${failureSteps}) { ${failure} = error; ${failureSteps} = run.steps - ${before}; }\n}\n`;
    }
    return `${code}if (${failureSteps} !== Infinity) throw ${failure};\n${target} = ${result};\n}\n`;
  }

  /** `$name(…)` of a built-in (../nodes/functions.ts compileCall): the bindings may name another function. */
  private call(node: AstNode, scope: CompileScope, input: string, target: string): string {
    const name = builtinCallName(node, scope, this.compiler) as string;
    const builtin = this.constant(this.compiler.builtins.get(name));
    const nameLiteral = JSON.stringify(name);
    const position = positionOf(node);
    const procedure = this.temporary();
    let code = `run.steps++;\n${procedure} = run.bindings === undefined ? ${builtin} : globalValue(run, ${nameLiteral}, ${builtin});\n`;
    const args = (node.arguments ?? []).map((argument) => {
      const temporary = this.temporary();
      code += this.into(argument, scope, input, temporary);
      return temporary;
    });
    code += `noteCallSite(run, ${procedure}, ${position}, ${nameLiteral});\nrun.steps += 2;\n`;
    const call = `${target} = applyFunction(run, ${procedure}, [${args.join(', ')}], ${input}, ${position});`;
    // The tick of applyOnce comes first either way, inside the try that stamps a timeout with the call site.
    const inline = INLINE_BUILTINS[name]?.(args);
    const body = inline === undefined ? call : `if (${procedure} === ${builtin} && ${inline.test}) { guard.tick(); ${target} = ${inline.value}; }\nelse ${call}`;
    code += `try {\n${body}\n} catch (error) { throw stampCall(error, ${position}, ${nameLiteral}); }\n`;
    return `${code}${target} = norm(${target});\n`;
  }

  /** The function: the runtime helpers and constants bound once, then the body. */
  build(body: string, result: string): Evaluator {
    const declarations = this.temporaries > 0 ? `let ${Array.from({ length: this.temporaries }, (_unused, index) => `t${index}`).join(', ')};\n` : '';
    const constants = this.constants.map((_value, index) => `const k${index} = constants[${index}];\n`).join('');
    const source = `'use strict';\nconst { ${GENERATED_RUNTIME_NAMES.join(', ')} } = runtime;\n${constants}return function generated(input, frame) {\nconst run = frame.run;\nconst guard = run.guard;\n${declarations}${body}return ${result};\n};\n`;
    // The source is built from the AST alone (see the file comment): no payload data reaches it.
    const factory = new Function('runtime', 'constants', source) as (runtime: unknown, constants: unknown[]) => Evaluator;
    const generated = factory(GENERATED_RUNTIME, this.constants);
    generatedFunctions++;
    return generated;
  }
}

/** Functions generated so far in this realm (compileJsonata reports its expression's share). */
let generatedFunctions = 0;

export function generatedCount(): number {
  return generatedFunctions;
}

/** Whether this realm lets us create functions from source (a CSP may refuse it); probed once. */
let generationPossible: boolean | undefined;
/** Tests turn generation off to compare the closures alone. */
let generationEnabled = true;

function canGenerate(): boolean {
  if (generationPossible === undefined) {
    try {
      generationPossible = (new Function('return 1') as () => number)() === 1;
    } catch {
      generationPossible = false;
    }
  }
  return generationEnabled && generationPossible;
}

/** Turns generation off or on for expressions compiled from now on; returns the previous setting. */
export function setCodeGeneration(enabled: boolean): boolean {
  const previous = generationEnabled;
  generationEnabled = enabled;
  return previous;
}

/**
 * The evaluator of `node` as generated code, as compileNode would build it (predicates, grouping and
 * normalisation included), or undefined when `node` is not one the generator writes out or is a bare
 * literal (a closure is as fast there).
 */
export function generateNode(node: AstNode, scope: CompileScope, compiler: NodeCompiler): Evaluator | undefined {
  if (node.type === 'string' || node.type === 'number' || node.type === 'value' || node.type === 'variable' || node.type === 'name') return undefined;
  if (!generatable(node, scope, compiler) || !canGenerate()) return undefined;
  const emitter = new Emitter(compiler);
  const body = emitter.into(node, scope, 'input', 'result');
  return emitter.build(`let result;\n${body}`, 'result');
}
