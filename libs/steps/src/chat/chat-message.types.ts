import type { FieldDeclaration } from '@app/engine';
import type { ChatWebhookTarget } from '../connections/chat/chat-webhook.target';

/** One chat service's part of a message step: its fields and the JSON its incoming webhook takes. */
export interface ChatMessageProvider {
  /** The step type, e.g. slack.message. */
  readonly stepType: string;
  /** Whose incoming webhooks the step posts to; its connection type is target.type. */
  readonly target: ChatWebhookTarget;
  /** Help for the shared text field: each service formats text its own way. */
  readonly textHelp: string;
  /** The longest text the service takes, in characters; longer text fails before calling out. */
  readonly maxTextLength?: number;
  /** The service's own optional fields, declared after text. */
  readonly fields: FieldDeclaration[];
  /** The documented webhook payload for this message; throws a StepError for settings it cannot send. */
  buildPayload(text: string, input: Record<string, unknown>): Record<string, unknown>;
}

/** What later steps read as steps.<key>: Slack answers "ok", Discord 204 with no body, Teams 202 or "1". */
export interface ChatMessageOutput {
  status: number;
  /** Parsed when the service answers JSON, otherwise text. */
  body: unknown;
}
