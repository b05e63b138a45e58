/**
 * A synchronous evaluator for the small subset of JSONata that most mappings use: literals, plain paths
 * (`trigger.body.email`), object and array constructors, comparisons, `and`/`or`, `&` and `? :`.
 *
 * Why: JSONata 2.x evaluates asynchronously, several awaits per AST node, which costs microseconds per
 * field. This evaluator walks JSONata's own AST and reproduces its semantics for plain JSON values only.
 * Whenever the data leaves that safe ground (an array inside a path, an object in a comparison, a value
 * JSONata would reject) it returns BAIL and the caller lets JSONata itself evaluate the whole expression,
 * so results and error messages stay exactly JSONata's.
 */

export const BAIL: unique symbol = Symbol('jsonata-bail');

export type FastEvaluator = (input: unknown) => unknown;

type Node = Record<string, unknown>;

const hasOwn = Object.prototype.hasOwnProperty;

/** Compiles the AST, or returns null when it uses anything outside the subset. */
export function compileFastExpression(ast: unknown): FastEvaluator | null {
  return build(ast as Node);
}

function build(node: Node): FastEvaluator | null {
  if (node === null || typeof node !== 'object') return null;
  switch (node.type) {
    case 'string':
    case 'number':
    case 'value':
      return onlyKeys(node, ['type', 'value', 'position']) ? literal(node.value) : null;
    case 'path':
      return buildPath(node);
    case 'unary':
      if (node.value === '{') return buildObject(node);
      if (node.value === '[') return buildArray(node);
      return null;
    case 'binary':
      return buildBinary(node);
    case 'condition':
      return buildCondition(node);
    default:
      return null;
  }
}

/** Any annotation the parser adds (predicates, grouping, focus, keepArray, ...) takes us out of the subset. */
function onlyKeys(node: Node, allowed: readonly string[]): boolean {
  for (const key of Object.keys(node)) if (!allowed.includes(key)) return false;
  return true;
}

function literal(value: unknown): FastEvaluator {
  return () => value;
}

function buildPath(node: Node): FastEvaluator | null {
  if (!onlyKeys(node, ['type', 'steps']) || !Array.isArray(node.steps) || node.steps.length === 0) return null;
  const keys: string[] = [];
  for (const step of node.steps as Node[]) {
    if (step?.type !== 'name' || typeof step.value !== 'string') return null;
    if (!onlyKeys(step, ['type', 'value', 'position'])) return null;
    keys.push(step.value);
  }
  return (input) => {
    let current = input;
    for (let i = 0; i < keys.length; i++) {
      if (current === null || typeof current !== 'object') return undefined;
      // Arrays map and flatten in JSONata; objects flagged as JSONata functions are skipped by it.
      if (Array.isArray(current) || isFunctionLike(current)) return BAIL;
      if (!hasOwn.call(current, keys[i])) return undefined;
      current = (current as Record<string, unknown>)[keys[i]];
    }
    if (Array.isArray(current) || typeof current === 'function' || isFunctionLike(current)) return BAIL;
    return current;
  };
}

function buildObject(node: Node): FastEvaluator | null {
  if (!onlyKeys(node, ['type', 'value', 'position', 'lhs']) || !Array.isArray(node.lhs)) return null;
  const keyFns: FastEvaluator[] = [];
  const valueFns: FastEvaluator[] = [];
  for (const pair of node.lhs as Node[][]) {
    const keyFn = Array.isArray(pair) && pair.length === 2 ? build(pair[0]) : null;
    const valueFn = keyFn && build(pair[1]);
    if (!keyFn || !valueFn) return null;
    keyFns.push(keyFn);
    valueFns.push(valueFn);
  }
  // Duplicate literal keys are always a JSONata error (D1009): leave them to JSONata to report.
  const pairs = node.lhs as Node[][];
  if (hasDuplicates(pairs)) return null;
  // Computed keys can still collide at run time; they need a check per evaluation.
  const allLiteral = pairs.every((pair) => pair[0].type === 'string');
  return (input) => {
    // JSONata builds objects without a prototype; match it.
    const result: Record<string, unknown> = Object.create(null);
    const seen = allLiteral ? undefined : new Set<string>();
    for (let i = 0; i < keyFns.length; i++) {
      const key = keyFns[i](input);
      if (key === undefined) continue;
      // Non-string, reserved or duplicate keys are errors in JSONata: let it report them.
      if (typeof key !== 'string' || key === '_jsonata_lambda' || key === '_jsonata_function') return BAIL;
      if (seen) {
        if (seen.has(key)) return BAIL;
        seen.add(key);
      }
      const value = valueFns[i](input);
      if (value === BAIL) return BAIL;
      if (value !== undefined) result[key] = value;
    }
    return result;
  };
}

function hasDuplicates(pairs: Node[][]): boolean {
  const keys = pairs.filter((pair) => pair[0].type === 'string').map((pair) => pair[0].value);
  return new Set(keys).size !== keys.length;
}

function buildArray(node: Node): FastEvaluator | null {
  if (!onlyKeys(node, ['type', 'value', 'position', 'expressions']) || !Array.isArray(node.expressions)) {
    return null;
  }
  const items = node.expressions as Node[];
  const fns: FastEvaluator[] = [];
  for (const item of items) {
    const fn = build(item);
    if (!fn) return null;
    fns.push(fn);
  }
  const nested = items.map((item) => item.type === 'unary' && item.value === '[');
  return (input) => {
    const result: unknown[] = [];
    for (let i = 0; i < fns.length; i++) {
      const value = fns[i](input);
      if (value === BAIL) return BAIL;
      if (value === undefined) continue;
      // JSONata flattens array values unless they come from a nested array constructor.
      if (Array.isArray(value) && !nested[i]) return BAIL;
      result.push(value);
    }
    return result;
  };
}

function buildBinary(node: Node): FastEvaluator | null {
  if (!onlyKeys(node, ['type', 'value', 'position', 'lhs', 'rhs'])) return null;
  const lhs = build(node.lhs as Node);
  const rhs = lhs && build(node.rhs as Node);
  if (!lhs || !rhs) return null;
  switch (node.value) {
    case 'and':
    case 'or': {
      const isAnd = node.value === 'and';
      return (input) => {
        const left = truthiness(lhs(input));
        if (left === BAIL) return BAIL;
        if (isAnd ? !left : left) return left;
        return truthiness(rhs(input));
      };
    }
    case '=':
    case '!=': {
      const equal = node.value === '=';
      return (input) => {
        const left = lhs(input);
        const right = rhs(input);
        if (left === BAIL || right === BAIL || isObject(left) || isObject(right)) return BAIL;
        if (left === undefined || right === undefined) return false;
        return equal ? left === right : left !== right;
      };
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      return comparison(node.value, lhs, rhs);
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
      return arithmetic(node.value, lhs, rhs);
    case '&':
      return (input) => {
        const left = asString(lhs(input));
        const right = left === BAIL ? BAIL : asString(rhs(input));
        return right === BAIL ? BAIL : (left as string) + right;
      };
    default:
      return null;
  }
}

function comparison(op: string, lhs: FastEvaluator, rhs: FastEvaluator): FastEvaluator {
  return (input) => {
    const left = lhs(input);
    const right = rhs(input);
    if (!isComparable(left) || !isComparable(right)) return BAIL;
    if (left === undefined || right === undefined) return undefined;
    if (typeof left !== typeof right) return BAIL;
    const l = left as number | string;
    const r = right as number | string;
    return op === '<' ? l < r : op === '<=' ? l <= r : op === '>' ? l > r : l >= r;
  };
}

function arithmetic(op: string, lhs: FastEvaluator, rhs: FastEvaluator): FastEvaluator {
  return (input) => {
    const left = lhs(input);
    const right = rhs(input);
    if (!isNumberOrUndefined(left) || !isNumberOrUndefined(right)) return BAIL;
    if (left === undefined || right === undefined) return undefined;
    const l = left as number;
    const r = right as number;
    const result = op === '+' ? l + r : op === '-' ? l - r : op === '*' ? l * r : op === '/' ? l / r : l % r;
    return Number.isFinite(result) ? result : BAIL;
  };
}

function buildCondition(node: Node): FastEvaluator | null {
  if (!onlyKeys(node, ['type', 'position', 'condition', 'then', 'else'])) return null;
  const condition = build(node.condition as Node);
  const then = condition && build(node.then as Node);
  const otherwise = node.else === undefined ? literal(undefined) : then && build(node.else as Node);
  if (!condition || !then || !otherwise) return null;
  return (input) => {
    const test = truthiness(condition(input));
    if (test === BAIL) return BAIL;
    return test ? then(input) : otherwise(input);
  };
}

/** JSONata's effective boolean value, for the values this evaluator handles. */
function truthiness(value: unknown): boolean | typeof BAIL {
  if (value === BAIL || Array.isArray(value) || typeof value === 'function') return BAIL;
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'number') return Number.isNaN(value) ? BAIL : value !== 0;
  if (typeof value === 'boolean') return value;
  if (isFunctionLike(value)) return BAIL;
  return Object.keys(value as object).length > 0;
}

/** JSONata's `&` operand conversion ($string), for scalars only. */
function asString(value: unknown): string | typeof BAIL {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || value === null) return String(value);
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(Number.isInteger(value) ? value : Number(value.toPrecision(15)));
  }
  return BAIL;
}

function isObject(value: unknown): boolean {
  return value !== null && (typeof value === 'object' || typeof value === 'function');
}

function isComparable(value: unknown): boolean {
  return value === undefined || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

function isNumberOrUndefined(value: unknown): boolean {
  return value === undefined || (typeof value === 'number' && Number.isFinite(value));
}

function isFunctionLike(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return v._jsonata_lambda === true || v._jsonata_function === true;
}
