/** Why an outbound request failed before or while reading a response; callers branch on `code`, never on text. */
export type OutboundErrorCode =
  | 'EOUTBOUND_FORBIDDEN'
  | 'EOUTBOUND_BAD_URL'
  | 'EOUTBOUND_TIMEOUT'
  | 'EOUTBOUND_ABORTED'
  | 'EOUTBOUND_TOO_LARGE'
  | 'EOUTBOUND_TOO_MANY_REDIRECTS'
  | 'EOUTBOUND_INVALID_REQUEST';

export class OutboundRequestError extends Error {
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OutboundRequestError';
  }
}
