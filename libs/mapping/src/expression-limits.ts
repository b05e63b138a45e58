/** Budgets for one JSONata evaluation (and, for fields evaluated in the pool, for their results). */
export interface ExpressionLimits {
  /** Wall-clock budget, checked on every evaluation step; in the pool also a hard deadline (plus a margin). */
  timeoutMs: number;
  /** How deeply evaluation may nest (recursion). */
  maxDepth: number;
  /** Longest sequence an expression may build (stops `[1..10000000]`-style allocations). */
  maxSequence: number;
  /**
   * Largest value a field evaluated in the pool may produce, in bytes counted roughly as JSON (one per
   * string character, eight per number): a `$pad("", 1e8, "x")` must not be copied back into the host.
   */
  maxResultBytes: number;
}

export const DEFAULT_EXPRESSION_LIMITS: Readonly<ExpressionLimits> = Object.freeze({
  timeoutMs: 1000,
  maxDepth: 200,
  maxSequence: 1_000_000,
  maxResultBytes: 16 * 1024 * 1024,
});

export function resolveLimits(limits?: Partial<ExpressionLimits>): ExpressionLimits {
  return { ...DEFAULT_EXPRESSION_LIMITS, ...limits };
}
