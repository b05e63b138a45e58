/** Where one chat provider's incoming webhooks live, so a connection can refuse a URL meant for another. */
export interface ChatWebhookTarget {
  /** The connection type, e.g. slack-webhook. */
  readonly type: string;
  /** The provider's name for messages: Slack, Discord, Microsoft Teams. */
  readonly provider: string;
  /** What a good URL looks like, for error messages. */
  readonly example: string;
  /** Whether an https URL is one of this provider's webhook addresses (host and path, loosely). */
  accepts(url: URL): boolean;
}
