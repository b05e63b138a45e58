/**
 * Remembers that Google said "429, wait" to a service account. Until then further appends fail fast with
 * the remaining wait instead of spending more of the per-minute write quota on certain refusals.
 */
export class SheetsQuotaGate {
  private readonly until = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds this account should still wait; 0 when it may write. */
  remaining(account: string): number {
    const until = this.until.get(account);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left <= 0) this.until.delete(account);
    return Math.max(0, left);
  }

  hold(account: string, ms: number): void {
    if (ms > 0) this.until.set(account, Math.max(this.until.get(account) ?? 0, this.now() + ms));
  }
}
