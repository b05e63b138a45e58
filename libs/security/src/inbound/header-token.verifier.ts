import { secretsEqual } from './constant-time.compare';
import { readHeader } from './inbound-header.reader';
import { rejected, VERIFIED, type InboundRequest, type VerifyResult } from './inbound-verify.types';

/** A shared token sent verbatim in a header of the user's choosing. */
export function verifyHeaderToken(config: { header: string; token: string }, req: InboundRequest): VerifyResult {
  const value = readHeader(req, config.header);
  if (value === undefined) return rejected(`${config.header} is missing`);
  return secretsEqual(config.token, value) ? VERIFIED : rejected(`${config.header}: token does not match`);
}
