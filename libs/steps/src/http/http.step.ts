import type { FieldDeclaration, StepContext, StepExecutor } from '@app/engine';
import type { OutboundHttpClient } from '@app/security';
import { requestFailure, statusFailure } from './http-failure.mapper';
import { prepareHttpRequest } from './http-request.builder';
import type { HttpRequestDecorator, HttpStepOutput, PreparedHttpRequest } from './http-request.types';
import { responseText, toHttpStepOutput } from './http-response.mapper';
import { HTTP_FIELDS } from './http.fields';

/** Only the call the step makes; lets tests and other transports stand in for the guarded client. */
export type HttpRequester = Pick<OutboundHttpClient, 'request'>;

export interface HttpStepOptions {
  /** Applied in order after the body is encoded: connection auth, then signing (later issues). */
  decorators?: HttpRequestDecorator[];
  /** Response size cap; the client's 1 MiB default when omitted. */
  maxResponseBytes?: number;
}

/**
 * The `http` action (SPEC §5). Calls go through the outbound guard; outcomes are sorted into output
 * (2xx, final 3xx), transient errors the policy retries (408, 429, 5xx, network, timeouts) and
 * terminal ones (other 4xx, forbidden addresses, bad configuration).
 */
export class HttpStep implements StepExecutor<HttpStepOutput> {
  readonly type = 'http';
  readonly fields: FieldDeclaration[];
  private readonly decorators: HttpRequestDecorator[];

  constructor(
    private readonly client: HttpRequester,
    private readonly options: HttpStepOptions = {},
  ) {
    this.decorators = options.decorators ?? [];
    this.fields = [...HTTP_FIELDS, ...this.decorators.flatMap((d) => d.fields ?? [])];
  }

  async execute(input: Record<string, unknown>, ctx: StepContext): Promise<HttpStepOutput> {
    let request: PreparedHttpRequest = prepareHttpRequest(input);
    for (const decorator of this.decorators) request = await decorator.decorate(request, input, ctx);

    const response = await this.client
      .request(request.method, request.url, request.headers, request.body, {
        timeoutMs: request.timeoutMs,
        maxResponseBytes: this.options.maxResponseBytes,
        signal: ctx.signal,
      })
      .catch((err: unknown) => Promise.reject(requestFailure(request, err)));

    if (response.status >= 400) throw statusFailure(request, response, responseText(response));
    return toHttpStepOutput(response);
  }
}
