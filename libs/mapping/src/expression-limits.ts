/** In-thread budgets for one JSONata evaluation. */
export interface ExpressionLimits {
  /** Wall-clock budget, checked on every evaluation step. */
  timeoutMs: number;
  /** How deeply evaluation may nest (recursion). */
  maxDepth: number;
  /** Longest sequence an expression may build (stops `[1..10000000]`-style allocations). */
  maxSequence: number;
}

export const DEFAULT_EXPRESSION_LIMITS: Readonly<ExpressionLimits> = Object.freeze({
  timeoutMs: 1000,
  maxDepth: 200,
  maxSequence: 1_000_000,
});

export function resolveLimits(limits?: Partial<ExpressionLimits>): ExpressionLimits {
  return { ...DEFAULT_EXPRESSION_LIMITS, ...limits };
}
