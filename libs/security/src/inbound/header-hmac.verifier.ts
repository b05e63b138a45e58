import { hmacSha256, matchesAnyDigest, type DigestEncoding } from './hmac-digest.helper';
import { readHeader } from './inbound-header.reader';
import { rejected, VERIFIED, type InboundRequest, type VerifyResult } from './inbound-verify.types';

/** One signature header carrying an HMAC-SHA256 of the raw body (GitHub, Shopify, Slack, generic). */
export interface HeaderHmacRule {
  /** Header name as shown to users, e.g. "X-Hub-Signature-256"; looked up case-insensitively. */
  header: string;
  key: string | Buffer;
  /** Text before the digest in the header, e.g. "sha256="; matched case-insensitively. */
  prefix?: string;
  encoding: DigestEncoding;
  /** Signed bytes that precede the body, e.g. Slack's "v0:<timestamp>:". */
  signedPrefix?: string;
}

export function verifyHeaderHmac(rule: HeaderHmacRule, req: InboundRequest): VerifyResult {
  const value = readHeader(req, rule.header);
  if (value === undefined) return rejected(`${rule.header} is missing`);
  const prefix = rule.prefix ?? '';
  if (value.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) {
    return rejected(`${rule.header} must start with "${prefix}"`);
  }
  const expected = hmacSha256(rule.key, [rule.signedPrefix ?? '', req.rawBody]);
  return matchesAnyDigest(expected, [value.slice(prefix.length)], rule.encoding)
    ? VERIFIED
    : rejected(`${rule.header}: signature does not match`);
}
