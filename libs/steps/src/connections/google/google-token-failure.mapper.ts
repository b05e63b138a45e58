import { OutboundForbiddenError, OutboundRequestError } from '@app/security';
import { isPlainObject } from '../../http/http-body.encoder';
import { GoogleTokenError } from './google-token.error';

interface TokenCall {
  tokenUrl: string;
  clientEmail: string;
  subject?: string;
}

/** What gaxios hands back when the token request fails; only the parts read here. */
interface GaxiosLikeError {
  message?: string;
  code?: string | number;
  cause?: unknown;
  response?: { status: number; data?: unknown };
}

/** Sorts a failed token request into a plain-words GoogleTokenError. */
export function tokenFailure(err: unknown, call: TokenCall): GoogleTokenError {
  const failure = (err ?? {}) as GaxiosLikeError;
  if (failure.response) return answeredFailure(failure.response, call);
  const cause = failure.cause ?? err;
  const where = `the token endpoint ${call.tokenUrl}`;
  if (cause instanceof OutboundForbiddenError) {
    return new GoogleTokenError(
      `Refused to call ${where}: ${cause.host} is a ${cause.reason} address. Add its host to OUTBOUND_ALLOW_HOSTS ` +
        'or set OUTBOUND_ALLOW_PRIVATE=true if this token gateway is yours and trusted.',
      'forbidden',
      false,
      { tokenUrl: call.tokenUrl, host: cause.host },
    );
  }
  if (cause instanceof OutboundRequestError && cause.code === 'EOUTBOUND_BAD_URL') {
    return new GoogleTokenError(`The token URL ${call.tokenUrl} cannot be called (${cause.message}); fix GOOGLE_TOKEN_URL.`, 'forbidden', false, {
      tokenUrl: call.tokenUrl,
    });
  }
  const code = (cause as { code?: string })?.code ?? failure.code;
  const reason = cause instanceof OutboundRequestError ? cause.message : ((cause as Error)?.message ?? String(cause));
  return new GoogleTokenError(
    `Could not reach ${where} (${code ? `${code}: ` : ''}${reason}). Check the network and GOOGLE_TOKEN_URL; it will be retried.`,
    'unreachable',
    true,
    { tokenUrl: call.tokenUrl, code },
  );
}

function answeredFailure(response: { status: number; data?: unknown }, call: TokenCall): GoogleTokenError {
  const { status } = response;
  const data = isPlainObject(response.data) ? response.data : {};
  const error = typeof data.error === 'string' ? data.error : `HTTP ${status}`;
  const description = typeof data.error_description === 'string' ? data.error_description : '';
  const details = { tokenUrl: call.tokenUrl, status, error, description };
  if (status === 408 || status === 429 || status >= 500) {
    return new GoogleTokenError(`The token endpoint ${call.tokenUrl} answered ${status}; this looks temporary and will be retried.`, 'unavailable', true, details);
  }
  const said = (description ? `${error}: ${description}` : error).replace(/\.*$/, '.');
  return new GoogleTokenError(`Google refused the key for ${call.clientEmail}: ${said} ${hint(error, description, call)}`, 'refused', false, details);
}

function hint(error: string, description: string, call: TokenCall): string {
  if (/signature/i.test(description)) {
    return 'The key was probably deleted or disabled in Google Cloud, or the text was changed; create a new JSON key and update the connection.';
  }
  if (/timeframe|iat|exp/i.test(description)) return "This server's clock is off; correct it (e.g. enable NTP) and try again.";
  if (/not found|invalid_email|deleted|disabled/i.test(`${error} ${description}`)) {
    return `The service account ${call.clientEmail} no longer exists or is disabled; check it in Google Cloud (IAM & Admin → Service accounts).`;
  }
  if (error === 'unauthorized_client' && call.subject) {
    return `Acting as ${call.subject} needs domain-wide delegation: authorise the service account's client id for the spreadsheets scope in the Google Admin console, or remove "subject" from the connection.`;
  }
  return 'Check that the key belongs to an active service account and create a new JSON key if in doubt.';
}
