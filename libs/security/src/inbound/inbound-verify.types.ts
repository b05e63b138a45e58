/** What a hook handler hands to verification: the body exactly as received, and its headers. */
export interface InboundRequest {
  rawBody: Buffer;
  /** Lower-case header names, as Node delivers them. */
  headers: Record<string, string | string[] | undefined>;
}

export type VerifyFailure = { ok: false; reason: string };
/** `reason` is short and user-facing; it never carries the secret or the expected signature. */
export type VerifyResult = { ok: true } | VerifyFailure;

export const VERIFIED: VerifyResult = Object.freeze({ ok: true }) as VerifyResult;

export function rejected(reason: string): VerifyFailure {
  return { ok: false, reason };
}
