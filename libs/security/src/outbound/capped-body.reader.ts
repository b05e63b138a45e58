import type { Readable } from 'node:stream';
import { OutboundRequestError } from './outbound-request.error';

/**
 * Reads a response body into memory, refusing (not truncating) one over `maxBytes`: a cut JSON
 * document would parse into something misleading, and an endless stream must not exhaust memory.
 */
export async function readCappedBody(body: Readable, maxBytes: number, declaredLength?: string | string[]): Promise<Buffer> {
  const tooLarge = () => new OutboundRequestError('EOUTBOUND_TOO_LARGE', `response larger than ${maxBytes} bytes`);
  if (typeof declaredLength === 'string' && Number(declaredLength) > maxBytes) {
    body.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}
