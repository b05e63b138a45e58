import { ChatWebhookConnectionType, ChatWebhookUrlOptions } from '../connections/chat/chat-webhook.connection-type';
import type { HttpRequester } from '../http/http-request.sender';
import { ChatMessageStep, ChatMessageStepOptions } from './chat-message.step';
import type { ChatMessageProvider } from './chat-message.types';
import { DISCORD_MESSAGE_PROVIDER } from './discord-message.provider';
import { SLACK_MESSAGE_PROVIDER } from './slack-message.provider';
import { TEAMS_MESSAGE_PROVIDER } from './teams-message.provider';

export const CHAT_MESSAGE_PROVIDERS: readonly ChatMessageProvider[] = [SLACK_MESSAGE_PROVIDER, DISCORD_MESSAGE_PROVIDER, TEAMS_MESSAGE_PROVIDER];

export interface CreateChatMessageStepsOptions extends ChatMessageStepOptions {
  /** Tests only (allowLoopbackForTests); production passes nothing. */
  urls?: ChatWebhookUrlOptions;
}

/** slack.message, discord.message and teams.message, sharing one guarded client. */
export function createChatMessageSteps(client: HttpRequester, options: CreateChatMessageStepsOptions = {}): ChatMessageStep[] {
  const { urls, ...stepOptions } = options;
  return CHAT_MESSAGE_PROVIDERS.map(
    (provider) => new ChatMessageStep(client, provider, new ChatWebhookConnectionType(provider.target, urls), stepOptions),
  );
}
