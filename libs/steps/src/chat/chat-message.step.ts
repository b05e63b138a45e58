import type { FieldDeclaration, StepConnectionRule, StepContext, StepExecutor } from '@app/engine';
import type { ChatWebhookConnectionType } from '../connections/chat/chat-webhook.connection-type';
import { DEFAULT_HTTP_TIMEOUT_MS } from '../http/http-request.builder';
import { HttpRequester, sendHttpRequest } from '../http/http-request.sender';
import type { PreparedHttpRequest } from '../http/http-request.types';
import { toHttpStepOutput } from '../http/http-response.mapper';
import { checkStepConnection } from '../http/step-connection.guard';
import { readRequiredText } from './chat-input.reader';
import type { ChatMessageOutput, ChatMessageProvider } from './chat-message.types';

export interface ChatMessageStepOptions {
  /** Whole call; 30 s by default, like the http step. */
  timeoutMs?: number;
  /** Response size cap; the client's 1 MiB default when omitted. */
  maxResponseBytes?: number;
}

/**
 * A chat preset (slack.message, discord.message, teams.message): posts the provider's payload to the
 * incoming-webhook URL held by the step's connection. Goes through the same guarded client and failure
 * sorting as the http step, so 429 (with Retry-After) and 5xx are retried and other 4xx are final.
 */
export class ChatMessageStep implements StepExecutor<ChatMessageOutput> {
  readonly type: string;
  readonly fields: FieldDeclaration[];
  readonly connection: StepConnectionRule;

  constructor(
    private readonly client: HttpRequester,
    private readonly provider: ChatMessageProvider,
    private readonly connectionType: ChatWebhookConnectionType,
    private readonly options: ChatMessageStepOptions = {},
  ) {
    if (connectionType.type !== provider.target.type) {
      throw new Error(`${provider.stepType} posts to ${provider.target.type} connections, not ${connectionType.type}`);
    }
    this.type = provider.stepType;
    this.fields = [
      { name: 'text', label: 'Message', kinds: ['template', 'value', 'expr'], required: true, help: provider.textHelp },
      ...provider.fields,
    ];
    this.connection = { types: [connectionType.type], required: true };
  }

  async execute(input: Record<string, unknown>, ctx: StepContext): Promise<ChatMessageOutput> {
    const connection = checkStepConnection(this.type, this.connection, ctx.connection)!;
    const url = this.connectionType.webhookUrl(connection);
    const text = readRequiredText(input, 'text', 'Message', this.provider.maxTextLength);
    const request: PreparedHttpRequest = {
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(this.provider.buildPayload(text, input)),
      timeoutMs: this.options.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS,
      // The URL is the credential: errors name only its origin, and blank it if the service echoes it.
      redact: { url: this.connectionType.shownUrl(url), values: [url.toString(), `${url.pathname}${url.search}`] },
    };
    const response = await sendHttpRequest(this.client, request, { signal: ctx.signal, maxResponseBytes: this.options.maxResponseBytes });
    const { status, body } = toHttpStepOutput(response);
    return { status, body };
  }
}
