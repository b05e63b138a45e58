import { randomBytes } from 'node:crypto';

/** 192 random bits, URL-safe: unguessable, and short enough to paste. */
export function newHookToken(): string {
  return randomBytes(24).toString('base64url');
}
