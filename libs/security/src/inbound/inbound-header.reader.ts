import type { InboundRequest } from './inbound-verify.types';

/**
 * One header's value, or undefined when absent or blank. A repeated header counts by its first value:
 * a signature check must look at one value, and the first is the one the sender set.
 */
export function readHeader(req: InboundRequest, name: string): string | undefined {
  const raw = req.headers[name.toLowerCase()];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value : undefined;
}
