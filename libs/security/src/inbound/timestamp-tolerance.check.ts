import { rejected, VERIFIED, type VerifyFailure, type VerifyResult } from './inbound-verify.types';

export const DEFAULT_TOLERANCE_SECONDS = 300;

const UNIX_SECONDS = /^\d{1,12}$/;

/** Parses a signed timestamp (Unix seconds). `label` names it in the reason, e.g. "X-Slack-Request-Timestamp". */
export function parseUnixSeconds(raw: string, label: string): number | VerifyFailure {
  return UNIX_SECONDS.test(raw) ? Number(raw) : rejected(`${label} is not a Unix timestamp in seconds`);
}

/**
 * Rejects replays: a signed timestamp further than `toleranceSeconds` from `now`, either way
 * (a timestamp far in the future would otherwise stay replayable for that long).
 */
export function checkTolerance(
  timestamp: number,
  now: Date,
  toleranceSeconds: number | undefined,
  label: string,
): VerifyResult {
  const allowed = toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const age = Math.floor(now.getTime() / 1000) - timestamp;
  if (age > allowed) return rejected(`${label} is ${age} s old, more than the ${allowed} s allowed`);
  if (-age > allowed) return rejected(`${label} is ${-age} s in the future, more than the ${allowed} s allowed`);
  return VERIFIED;
}
