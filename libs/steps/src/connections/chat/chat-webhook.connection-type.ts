import { type ConnectionType, type ResolvedConnection, StepError } from '@app/engine';
import { connectionObject, headerText } from '../http/connection-field.schemas';
import type { ChatWebhookTarget } from './chat-webhook.target';

export interface ChatWebhookUrlOptions {
  /**
   * Tests only: also accept http://127.0.0.1:<port>/… so a loopback server can stand in for the
   * provider. Production wiring never sets it; there a webhook URL must be https on the provider's host.
   */
  allowLoopbackForTests?: boolean;
}

/**
 * A chat provider's incoming webhook (slack-webhook, discord-webhook, teams-webhook). The URL is the
 * secret: whoever has it can post to the channel, so it is stored sealed and never shown in errors.
 */
export class ChatWebhookConnectionType implements ConnectionType {
  readonly type: string;
  readonly label: string;
  readonly config = connectionObject('config', {});
  readonly secrets;

  constructor(
    readonly target: ChatWebhookTarget,
    private readonly options: ChatWebhookUrlOptions = {},
  ) {
    this.type = target.type;
    this.label = `${target.provider}: incoming webhook`;
    this.secrets = connectionObject('secrets', {
      url: headerText('url').refine((url) => this.problem(url) === undefined, {
        error: (issue) => this.problem(String(issue.input)),
      }),
    });
  }

  /** The connection's webhook URL, checked again when used: a stored record may predate a rule. */
  webhookUrl(connection: ResolvedConnection): URL {
    const raw = connection.secrets.url?.trim() ?? '';
    const problem = this.problem(raw);
    if (problem !== undefined) {
      throw new StepError(`The connection "${connection.name}" cannot be used: its ${problem}. Edit the connection and paste the webhook URL again.`, false);
    }
    return new URL(raw);
  }

  /** Where the call goes, for messages and records: the path and query carry the webhook's token. */
  shownUrl(url: URL): string {
    return `${url.origin}/…`;
  }

  private problem(raw: string): string | undefined {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return `url must be the full webhook address, such as ${this.target.example}`;
    }
    if (this.options.allowLoopbackForTests && url.protocol === 'http:' && url.hostname === '127.0.0.1') return undefined;
    if (url.protocol !== 'https:') return 'url must start with https://';
    if (!this.target.accepts(url)) {
      return `url is not a ${this.target.provider} incoming-webhook address; it should look like ${this.target.example}`;
    }
    return undefined;
  }
}
