import { STATUS_CODES } from 'node:http';
import { StepError } from '@app/engine';
import { OutboundForbiddenError, OutboundRequestError, OutboundResponse } from '@app/security';
import { scrubSecrets, shownHeaders, shownUrl } from './http-redaction.helper';
import type { PreparedHttpRequest } from './http-request.types';
import { parseRetryAfter } from './retry-after.parser';

const EXCERPT_CHARS = 500;

/** Network failures that may clear up on their own: retried (SPEC §6). */
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH',
  'ENETDOWN', 'EHOSTDOWN', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED', 'UND_ERR_DESTROYED',
]);

/** A short, secret-free description of the call for the step run's error record. */
export function requestSummary(request: PreparedHttpRequest): { method: string; url: string; headers: Record<string, string | string[]> } {
  return { method: request.method, url: shownUrl(request), headers: shownHeaders(request) };
}

/** A response with a 4xx/5xx status as a StepError; 408, 429 and 5xx are transient (SPEC §6). */
export function statusFailure(request: PreparedHttpRequest, response: OutboundResponse, bodyText: string): StepError {
  const { status } = response;
  const transient = status === 408 || status === 429 || status >= 500;
  const retryAfterMs = transient ? parseRetryAfter(response.headers['retry-after']) : undefined;
  // Scrub before cutting, so a secret straddling the cut cannot leave a readable prefix behind.
  const details = { request: requestSummary(request), status, body: scrubSecrets(bodyText, request).slice(0, EXCERPT_CHARS) };
  const answered = `${request.method} ${details.request.url} answered ${status} ${STATUS_CODES[status] ?? ''}`.trimEnd();
  return new StepError(`${answered}. ${nextStep(status, retryAfterMs)}`, transient, details, retryAfterMs);
}

function nextStep(status: number, retryAfterMs?: number): string {
  const wait = retryAfterMs !== undefined ? ` (the server asked to wait ${Math.ceil(retryAfterMs / 1000)} s)` : '';
  if (status === 429) return `The service is rate-limiting; it will be retried${wait}.`;
  if (status === 408 || status >= 500) return `This looks temporary on the service's side; it will be retried${wait}.`;
  if (status === 401 || status === 403) return 'Check the credentials (connection or headers) and their permissions; this is not retried.';
  if (status === 404 || status === 410) return 'Check the URL and method; this is not retried.';
  return 'The service rejected the request; check the URL, method, headers and body against its documentation. This is not retried.';
}

/** A failure before a response arrived (guard, timeout, size, network) as a StepError. */
export function requestFailure(request: PreparedHttpRequest, err: unknown): StepError {
  const details = { request: requestSummary(request), code: (err as { code?: string })?.code };
  const target = details.request.url;
  if (err instanceof OutboundForbiddenError) {
    const where = err.host === err.address ? err.address : `${err.host}, which resolves to ${err.address}`;
    return new StepError(
      `Refused to call ${target}: ${where} is a ${err.reason} address, and hookflow does not call private, loopback, ` +
        'link-local or cloud-metadata addresses. If this service is yours and trusted, add its host to OUTBOUND_ALLOW_HOSTS ' +
        `(e.g. OUTBOUND_ALLOW_HOSTS=${err.host}) or set OUTBOUND_ALLOW_PRIVATE=true, then restart hookflow.`,
      false,
      { ...details, host: err.host, address: err.address },
    );
  }
  if (err instanceof OutboundRequestError) return outboundFailure(request, err, target, details);
  const code = details.code ?? '';
  const message = scrubSecrets((err as Error)?.message ?? String(err), request);
  if (code === 'ENOTFOUND') {
    return new StepError(`The host name in ${target} was not found. Check its spelling; it will be retried in case DNS was briefly unavailable.`, true, details);
  }
  if (TRANSIENT_NETWORK_CODES.has(code)) {
    return new StepError(`Could not reach ${target} (${code}: ${message}). Check that the service is up and the address and port are right; it will be retried.`, true, details);
  }
  if (/CERT|TLS|SSL/i.test(code)) {
    return new StepError(`The secure connection to ${target} failed (${code}: ${message}). The service's certificate is not trusted; this is not retried.`, false, details);
  }
  // Unknown failures are most likely network trouble undici did not name; let the policy retry them.
  return new StepError(`Calling ${target} failed: ${message}. It will be retried.`, true, details);
}

function outboundFailure(request: PreparedHttpRequest, err: OutboundRequestError, target: string, details: Record<string, unknown>): StepError {
  const said = scrubSecrets(err.message, request);
  switch (err.code) {
    case 'EOUTBOUND_TIMEOUT':
      return new StepError(`No complete answer from ${target} within ${request.timeoutMs} ms. It will be retried; if the service is just slow, raise Timeout.`, true, details);
    case 'EOUTBOUND_ABORTED':
      return new StepError(`The call to ${target} was interrupted (hookflow is stopping); it will be retried.`, true, details);
    case 'EOUTBOUND_TOO_LARGE':
      return new StepError(`The answer from ${target} was too big: ${said}. Ask the service for less (a page, fewer fields); this is not retried.`, false, details);
    case 'EOUTBOUND_TOO_MANY_REDIRECTS':
      return new StepError(`${target} redirected too often (${said}). Use the final address directly; this is not retried.`, false, details);
    default:
      return new StepError(`Cannot call ${target}: ${said}. Fix the step's settings; this is not retried.`, false, details);
  }
}
