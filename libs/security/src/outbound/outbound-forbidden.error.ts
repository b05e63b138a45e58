import { OutboundRequestError } from './outbound-request.error';

/**
 * The guard refused a host or a resolved address. Raised before any socket is opened, and carried
 * through undici's connector unchanged so callers can tell it apart from ordinary network failures.
 */
export class OutboundForbiddenError extends OutboundRequestError {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly reason: string,
  ) {
    const target = host === address ? address : `${host} (${address})`;
    super(
      'EOUTBOUND_FORBIDDEN',
      `refused to connect to ${target}: ${reason} addresses are blocked for outbound requests. ` +
        'To allow it, add the host to OUTBOUND_ALLOW_HOSTS or set OUTBOUND_ALLOW_PRIVATE=true.',
    );
    this.name = 'OutboundForbiddenError';
  }
}
