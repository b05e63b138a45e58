import jsonata from 'jsonata';
import { BAIL, compileFastExpression, type FastEvaluator } from './fast-expression';
import { expressionEvaluationError, expressionSyntaxError } from './expression-errors';
import { DEFAULT_EXPRESSION_LIMITS, resolveLimits, type ExpressionLimits } from './expression-limits';
import { LruCache } from './lru-cache';
import { MappingError } from './mapping-error';
import { plainResult } from './plain-result';

export interface CompiledExpression {
  readonly text: string;
  readonly limits: Readonly<ExpressionLimits>;
  /**
   * True when the synchronous fast path covers the whole expression (paths, constructors, comparisons,
   * arithmetic, `&`, `? :`): no function calls, regexes, ranges or lambdas, so no single step can run long
   * and evaluating it in-thread is safe. Anything else should run where it can be stopped (the pool).
   */
  readonly simple: boolean;
  /**
   * The result at once when it can be computed synchronously, otherwise a promise of it.
   * `undefined` means "no match". Failures throw, or reject, a MappingError.
   */
  resolve(input: unknown): unknown;
  evaluate(input: unknown): Promise<unknown>;
}

const CACHE_SIZE = 5000;
const cache = new LruCache<string, CompiledExpression>(CACHE_SIZE);

/**
 * Compiles once per (text, limits) and returns the shared compiled expression after that.
 * Compiled expressions hold no per-evaluation state, so sharing them between concurrent runs is safe.
 */
export function compileExpression(text: string, limits?: Partial<ExpressionLimits>): CompiledExpression {
  const resolved = limits ? resolveLimits(limits) : DEFAULT_EXPRESSION_LIMITS;
  const custom = limitsKey(resolved) !== DEFAULT_KEY;
  const key = custom ? `${limitsKey(resolved)}\u0000${text}` : text;
  return cache.getOrCreate(key, () => new JsonataExpression(text, custom ? resolved : DEFAULT_EXPRESSION_LIMITS));
}

function limitsKey(l: ExpressionLimits): string {
  return `${l.timeoutMs}/${l.maxDepth}/${l.maxSequence}`;
}

const DEFAULT_KEY = limitsKey(DEFAULT_EXPRESSION_LIMITS);

class JsonataExpression implements CompiledExpression {
  private readonly expression: jsonata.Expression;
  private readonly fast: FastEvaluator | null;

  constructor(
    readonly text: string,
    readonly limits: Readonly<ExpressionLimits>,
  ) {
    if (typeof text !== 'string' || text.trim() === '') throw new MappingError('expression is empty');
    try {
      // JSONata 2.2's own guardrails: checked on every evaluation step and kept per evaluation,
      // so one cached expression can run concurrently (unlike entry/exit hooks bound to the expression).
      this.expression = jsonata(text, {
        timeout: limits.timeoutMs,
        stack: limits.maxDepth,
        sequence: needsSequenceBudget(text) ? limits.maxSequence : undefined,
      });
    } catch (err) {
      throw expressionSyntaxError(err);
    }
    this.fast = compileFastExpression(this.expression.ast());
  }

  get simple(): boolean {
    return this.fast !== null;
  }

  resolve(input: unknown): unknown {
    if (this.fast) {
      const value = this.fast(input);
      if (value !== BAIL) return value;
    }
    return this.evaluateWithJsonata(input);
  }

  evaluate(input: unknown): Promise<unknown> {
    try {
      return Promise.resolve(this.resolve(input));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private async evaluateWithJsonata(input: unknown): Promise<unknown> {
    let value: unknown;
    try {
      value = await this.expression.evaluate(input);
    } catch (err) {
      throw expressionEvaluationError(err, this.limits);
    }
    if (isFunction(value)) {
      throw new MappingError('expression evaluates to a function, not a value (call it?)');
    }
    return plainResult(value);
  }
}

/**
 * A sequence budget makes JSONata give every sequence its own `push` closure, which de-optimises its hot
 * paths (measured: JSONata-evaluated fields about 2x slower). Only a range (`..`), possibly inside code
 * run by $eval, allocates a huge sequence in one native step; everything else grows one evaluation step
 * at a time and is stopped by the time budget. So only those expressions pay for it.
 */
function needsSequenceBudget(text: string): boolean {
  return text.includes('..') || text.includes('$eval');
}

function isFunction(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return v._jsonata_lambda === true || v._jsonata_function === true;
}
