import { SLACK_WEBHOOK_TARGET } from '../connections/chat/chat-webhook.targets';
import { readObjectList, readOptionalText } from './chat-input.reader';
import type { ChatMessageProvider } from './chat-message.types';

/** Slack allows 50 blocks in a message. */
const MAX_BLOCKS = 50;

/** ":rocket:" whether the user wrote "rocket" or ":rocket:". */
function emoji(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const bare = name.trim().replace(/^:|:$/g, '');
  return bare === '' ? undefined : `:${bare}:`;
}

/** Slack incoming webhooks: `{ text, blocks? }`; username and icon_emoji only count on legacy webhooks. */
export const SLACK_MESSAGE_PROVIDER: ChatMessageProvider = {
  stepType: 'slack.message',
  target: SLACK_WEBHOOK_TARGET,
  textHelp:
    'The message, in Slack mrkdwn (*bold*, _italic_, <https://example.com|links>). Insert values with {{…}}. ' +
    'When Blocks are set, this is the notification text shown in alerts.',
  fields: [
    { name: 'username', label: 'Sender name', kinds: ['value', 'template'], help: 'Shown as the sender. Slack only honours it for legacy webhooks; app webhooks post as the app.' },
    { name: 'iconEmoji', label: 'Icon emoji', kinds: ['value', 'template'], help: 'An emoji name such as :rocket: used as the sender picture (legacy webhooks only).' },
    {
      name: 'blocks',
      label: 'Blocks',
      kinds: ['expr', 'value'],
      help: 'Optional Block Kit layout: a list of blocks, or the { "blocks": [...] } Block Kit Builder gives you. Text becomes the notification fallback.',
    },
  ],
  buildPayload: (text, input) => ({
    text,
    username: readOptionalText(input, 'username', 'Sender name'),
    icon_emoji: emoji(readOptionalText(input, 'iconEmoji', 'Icon emoji')),
    blocks: readObjectList(input, 'blocks', 'Blocks', MAX_BLOCKS),
  }),
};
