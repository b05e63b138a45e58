/** Request bodies are kept as bytes or text so a 307/308 redirect can send them again. */
export type OutboundBody = string | Uint8Array;

export type OutboundHeaders = Record<string, string | string[]>;

export interface OutboundRequestOptions {
  /** Whole exchange, redirects and body included (default 30 s). */
  timeoutMs?: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  /** Response bodies above this are refused, not truncated (default 1 MiB). */
  maxResponseBytes?: number;
  /** The caller's cancellation, e.g. worker shutdown. */
  signal?: AbortSignal;
}

export interface OutboundResponse {
  status: number;
  /** Lower-case names; repeated headers (set-cookie) stay arrays. */
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** Where the final response came from, after redirects. */
  url: string;
  redirects: number;
}
