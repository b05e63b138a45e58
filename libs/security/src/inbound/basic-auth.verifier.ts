import { secretsEqual } from './constant-time.compare';
import { readHeader } from './inbound-header.reader';
import { rejected, VERIFIED, type InboundRequest, type VerifyResult } from './inbound-verify.types';

const BASIC = /^basic\s+([A-Za-z0-9+/]+={0,2})$/i;

/** HTTP Basic (RFC 7617): "Authorization: Basic base64(user:password)". */
export function verifyBasicAuth(config: { username: string; password: string }, req: InboundRequest): VerifyResult {
  const value = readHeader(req, 'authorization');
  if (value === undefined) return rejected('Authorization is missing');
  const match = BASIC.exec(value);
  const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon < 0) return rejected('Authorization is not Basic credentials');
  // Both halves are always compared, so timing does not tell a right username from a wrong one.
  const userOk = secretsEqual(config.username, decoded.slice(0, colon));
  const passOk = secretsEqual(config.password, decoded.slice(colon + 1));
  return userOk && passOk ? VERIFIED : rejected('Authorization: username or password is wrong');
}
