import { ChatWebhookConnectionType, ChatWebhookUrlOptions } from './chat-webhook.connection-type';
import { CHAT_WEBHOOK_TARGETS } from './chat-webhook.targets';

/** slack-webhook, discord-webhook and teams-webhook, for the connection type registry. */
export function createChatWebhookConnectionTypes(options: ChatWebhookUrlOptions = {}): ChatWebhookConnectionType[] {
  return CHAT_WEBHOOK_TARGETS.map((target) => new ChatWebhookConnectionType(target, options));
}
