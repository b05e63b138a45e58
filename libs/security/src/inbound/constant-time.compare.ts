import { createHash, timingSafeEqual } from 'node:crypto';

/** Length of an HMAC-SHA256 digest: every signature scheme here compares digests of this size. */
export const DIGEST_BYTES = 32;

const PLACEHOLDER = Buffer.alloc(DIGEST_BYTES);

/**
 * Compares a computed digest with one decoded from the request. A missing or wrong-length candidate
 * still costs one full comparison (against a placeholder), so malformed input takes the same path.
 */
export function digestsEqual(expected: Buffer, received: Buffer | undefined): boolean {
  const wellFormed = received !== undefined && received.length === expected.length;
  const same = timingSafeEqual(expected, wellFormed ? received : PLACEHOLDER.subarray(0, expected.length));
  return wellFormed && same;
}

/**
 * Compares shared secrets (tokens, passwords) of any length. Hashing both sides first gives
 * timingSafeEqual equal-length inputs, so neither content nor the secret's length leaks through timing.
 */
export function secretsEqual(expected: string, received: string): boolean {
  return timingSafeEqual(sha256(expected), sha256(received));
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
