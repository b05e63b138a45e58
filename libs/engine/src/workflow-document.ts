/** A config field is exactly one of: a literal, a JSONata expression, or a Handlebars template. */
export type FieldSpec = { value: unknown } | { expr: string } | { template: string };

export type FieldKind = 'value' | 'expr' | 'template';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH';

/** Where a repeated delivery is recognised; Idempotency-Key and webhook-id headers always count. */
export interface IdempotencySettings {
  /** A header the sender sets per delivery, e.g. x-github-delivery. */
  header?: string;
  /** JSONata over { body, headers, query } giving the key, e.g. body.id. */
  expr?: string;
}

export interface RateLimitSettings {
  /** Sustained requests per second per hook (per process). */
  perSecond: number;
  /** Requests allowed at once above the rate; perSecond when omitted. */
  burst?: number;
}

/** A custom answer for senders that need one (a form redirect, a challenge echo). */
export interface HookResponseSettings {
  status?: number;
  headers?: Record<string, string>;
  contentType?: string;
  /** Sees { trigger: { body, query, headers, method }, eventId, runId }. */
  body?: FieldSpec;
}

export interface WebhookTrigger {
  type: 'webhook';
  methods: HttpMethod[];
  /** Signature scheme and its settings; the secret fields are stored sealed, apart from the document. */
  verify?: Record<string, unknown>;
  idempotency?: IdempotencySettings;
  rateLimit?: RateLimitSettings;
  response?: HookResponseSettings;
}

export interface RetrySettings {
  /** Total attempts including the first (default 5). */
  attempts?: number;
}

export interface StepDocument {
  key: string;
  type: string;
  connection?: string;
  config: Record<string, FieldSpec>;
  retry?: RetrySettings;
}

/**
 * Runs one at a time in arrival order, across all workers: per workflow, or per key (e.g. per customer) when
 * `key` is a JSONata expression over { body, headers, query }. A failed run does not hold back the next.
 */
export interface OrderSettings {
  key?: string;
}

export interface WorkflowDocument {
  schemaVersion: number;
  name: string;
  enabled: boolean;
  trigger: WebhookTrigger;
  /** Present: runs go strictly one at a time in arrival order. */
  order?: OrderSettings;
  steps: StepDocument[];
  /**
   * A step run once when a run fails for good, e.g. an email to the owner. It sees the usual context, with
   * run.error and run.failedStep set.
   */
  onFailure?: StepDocument;
}

export const CURRENT_SCHEMA_VERSION = 1;
