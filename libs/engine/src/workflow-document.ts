/** A config field is exactly one of: a literal, a JSONata expression, or a Handlebars template. */
export type FieldSpec = { value: unknown } | { expr: string } | { template: string };

export type FieldKind = 'value' | 'expr' | 'template';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH';

export interface WebhookTrigger {
  type: 'webhook';
  methods: HttpMethod[];
  verify?: Record<string, unknown>;
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

export interface WorkflowDocument {
  schemaVersion: number;
  name: string;
  enabled: boolean;
  trigger: WebhookTrigger;
  steps: StepDocument[];
}

export const CURRENT_SCHEMA_VERSION = 1;
