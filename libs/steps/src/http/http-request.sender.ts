import type { OutboundHttpClient, OutboundResponse } from '@app/security';
import { requestFailure, statusFailure } from './http-failure.mapper';
import type { PreparedHttpRequest } from './http-request.types';
import { responseText } from './http-response.mapper';

/** Only the call a step makes; lets tests and other transports stand in for the guarded client. */
export type HttpRequester = Pick<OutboundHttpClient, 'request'>;

export interface SendHttpRequestOptions {
  signal?: AbortSignal;
  /** Response size cap; the client's 1 MiB default when omitted. */
  maxResponseBytes?: number;
}

/**
 * Sends a prepared request through the guarded client and sorts what goes wrong (SPEC §6): every step
 * that calls out (http, chat presets) shares this, so 429/5xx/network stay transient and other 4xx
 * final in one place. A 4xx/5xx answer rejects with a StepError; anything below 400 resolves.
 */
export async function sendHttpRequest(
  client: HttpRequester,
  request: PreparedHttpRequest,
  options: SendHttpRequestOptions = {},
): Promise<OutboundResponse> {
  const response = await client
    .request(request.method, request.url, request.headers, request.body, {
      timeoutMs: request.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      signal: options.signal,
    })
    .catch((err: unknown) => Promise.reject(requestFailure(request, err)));
  if (response.status >= 400) throw statusFailure(request, response, responseText(response));
  return response;
}
