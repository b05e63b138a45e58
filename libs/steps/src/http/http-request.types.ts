import type { FieldDeclaration, StepContext } from '@app/engine';

/** The request as the http step will send it: final URL, headers and encoded body. */
export interface PreparedHttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string | string[]>;
  body?: string;
  timeoutMs: number;
  /** Secrets this request carries, kept out of error records (set by whoever adds them). */
  redact?: RequestRedaction;
}

/** What must never reach a step run's record: error messages, details and request summaries. */
export interface RequestRedaction {
  /** Lower-case header names shown as [redacted] (authorization, proxy-authorization and cookie always are). */
  headers?: string[];
  /** Secret strings blanked wherever the far side might echo them back (error bodies, network messages). */
  values?: string[];
  /** Shown instead of the URL when the URL itself is the secret, as with chat incoming-webhook URLs. */
  url?: string;
}

/**
 * A later stage that rewrites the prepared request — where connection auth (Authorization headers)
 * and Standard Webhooks signing (which needs the final body bytes) plug in. A decorator may bring
 * its own fields, which the http step then declares too.
 */
export interface HttpRequestDecorator {
  readonly fields?: FieldDeclaration[];
  /** Connection types this decorator acts on; the http step accepts the union of them. */
  readonly connectionTypes?: readonly string[];
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
