import { createHmac } from 'node:crypto';
import { DIGEST_BYTES, digestsEqual } from './constant-time.compare';

export type DigestEncoding = 'hex' | 'base64';

const HEX_DIGEST = new RegExp(`^[0-9a-f]{${DIGEST_BYTES * 2}}$`, 'i');
// Standard or URL-safe alphabet, padding optional: 32 bytes are 43 characters plus one '='.
const BASE64_DIGEST = /^[A-Za-z0-9+/_-]{43}=?$/;

/** HMAC-SHA256 over the concatenation of `parts`; Buffers go in as-is so the raw body is never re-encoded. */
export function hmacSha256(key: Buffer | string, parts: readonly (Buffer | string)[]): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** Decodes a signature from a header, or undefined when it is not a well-formed SHA-256 digest. */
export function decodeDigest(text: string, encoding: DigestEncoding): Buffer | undefined {
  if (encoding === 'hex') return HEX_DIGEST.test(text) ? Buffer.from(text, 'hex') : undefined;
  return BASE64_DIGEST.test(text) ? Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64') : undefined;
}

/**
 * True when any candidate matches. Every candidate is compared (no early exit), which is what lets a
 * sender rotate secrets by sending old and new signatures side by side.
 */
export function matchesAnyDigest(expected: Buffer, candidates: readonly string[], encoding: DigestEncoding): boolean {
  let matched = false;
  for (const candidate of candidates) {
    if (digestsEqual(expected, decodeDigest(candidate, encoding))) matched = true;
  }
  return matched;
}
