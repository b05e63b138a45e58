import type { FieldDeclaration, StepContext } from '@app/engine';

/** The request as the http step will send it: final URL, headers and encoded body. */
export interface PreparedHttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string | string[]>;
  body?: string;
  timeoutMs: number;
}

/**
 * A later stage that rewrites the prepared request — where connection auth (Authorization headers)
 * and Standard Webhooks signing (which needs the final body bytes) plug in. A decorator may bring
 * its own fields, which the http step then declares too.
 */
export interface HttpRequestDecorator {
  readonly fields?: FieldDeclaration[];
  decorate(
    request: PreparedHttpRequest,
    input: Record<string, unknown>,
    ctx: StepContext,
  ): PreparedHttpRequest | Promise<PreparedHttpRequest>;
}

/** What later steps read as steps.<key>. */
export interface HttpStepOutput {
  status: number;
  /** Lower-case names; repeated headers such as set-cookie are lists. */
  headers: Record<string, string | string[]>;
  /** Parsed when the response says it is JSON, otherwise text. */
  body: unknown;
}
