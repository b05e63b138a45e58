/**
 * Who may be called from outbound HTTP (SPEC §5). Built from OUTBOUND_ALLOW_PRIVATE and
 * OUTBOUND_ALLOW_HOSTS by the config lib; the guard itself never reads the environment.
 */
export interface OutboundPolicy {
  /** true turns the address guard off entirely (trusted, single-tenant installs). */
  allowPrivate: boolean;
  /**
   * Hosts that may be private: `host` (any port) or `host:port`, `[v6]` or `[v6]:port`.
   * Matched exactly and case-insensitively, never as a suffix, so `example.com` does not allow `a.example.com`.
   */
  allowHosts: string[];
}

/** The safe default: public addresses only. */
export const DEFAULT_OUTBOUND_POLICY: OutboundPolicy = Object.freeze({ allowPrivate: false, allowHosts: [] }) as OutboundPolicy;
