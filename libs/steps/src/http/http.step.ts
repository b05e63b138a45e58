import type { FieldDeclaration, StepConnectionRule, StepContext, StepExecutor } from '@app/engine';
import type { HttpRequestDecorator, HttpStepOutput, PreparedHttpRequest } from './http-request.types';
import { prepareHttpRequest } from './http-request.builder';
import { HttpRequester, sendHttpRequest } from './http-request.sender';
import { toHttpStepOutput } from './http-response.mapper';
import { HTTP_FIELDS } from './http.fields';
import { checkStepConnection } from './step-connection.guard';

export type { HttpRequester } from './http-request.sender';

export interface HttpStepOptions {
  /**
   * Applied in order after the body is encoded. None by default; createHttpStep() adds connection
   * auth and Standard Webhooks signing. The step accepts the connection types they declare.
   */
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
  readonly connection?: StepConnectionRule;
  private readonly decorators: HttpRequestDecorator[];

  constructor(
    private readonly client: HttpRequester,
    private readonly options: HttpStepOptions = {},
  ) {
    this.decorators = options.decorators ?? [];
    this.fields = [...HTTP_FIELDS, ...this.decorators.flatMap((d) => d.fields ?? [])];
    const types = [...new Set(this.decorators.flatMap((d) => d.connectionTypes ?? []))];
    if (types.length > 0) this.connection = { types, required: false };
  }

  async execute(input: Record<string, unknown>, ctx: StepContext): Promise<HttpStepOutput> {
    checkStepConnection(this.type, this.connection, ctx.connection);
    let request: PreparedHttpRequest = prepareHttpRequest(input);
    for (const decorator of this.decorators) request = await decorator.decorate(request, input, ctx);
    const response = await sendHttpRequest(this.client, request, { signal: ctx.signal, maxResponseBytes: this.options.maxResponseBytes });
    return toHttpStepOutput(response);
  }
}
