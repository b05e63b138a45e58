import { StepError } from '@app/engine';
import { DISCORD_WEBHOOK_TARGET } from '../connections/chat/chat-webhook.targets';
import { readObjectList, readOptionalText } from './chat-input.reader';
import type { ChatMessageProvider } from './chat-message.types';

/** Discord's documented limits for Execute Webhook. */
const DISCORD_MAX_CONTENT = 2000;
const MAX_USERNAME = 80;
const MAX_EMBEDS = 10;

function avatarUrl(input: Record<string, unknown>): string | undefined {
  const value = readOptionalText(input, 'avatarUrl', 'Avatar URL');
  if (value !== undefined && !/^https?:\/\/\S+$/i.test(value.trim())) {
    throw new StepError(`Avatar URL must be a web address starting with https://, not "${value}".`, false);
  }
  return value?.trim();
}

/** Discord Execute Webhook: `{ content, username?, avatar_url?, embeds? }`; answers 204 with no body. */
export const DISCORD_MESSAGE_PROVIDER: ChatMessageProvider = {
  stepType: 'discord.message',
  target: DISCORD_WEBHOOK_TARGET,
  textHelp: `The message, in Discord markdown (**bold**, *italic*, [links](https://example.com)), at most ${DISCORD_MAX_CONTENT} characters. Insert values with {{…}}.`,
  fields: [
    { name: 'username', label: 'Sender name', kinds: ['value', 'template'], help: 'Overrides the webhook\'s name for this message.' },
    { name: 'avatarUrl', label: 'Avatar URL', kinds: ['value', 'template', 'expr'], help: 'Address of a picture that overrides the webhook\'s avatar.' },
    { name: 'embeds', label: 'Embeds', kinds: ['expr', 'value'], help: 'Optional rich embeds: a list of up to 10 embed objects ({ "title": …, "description": … }).' },
  ],
  maxTextLength: DISCORD_MAX_CONTENT,
  buildPayload: (text, input) => ({
    content: text,
    username: readOptionalText(input, 'username', 'Sender name', MAX_USERNAME),
    avatar_url: avatarUrl(input),
    embeds: readObjectList(input, 'embeds', 'Embeds', MAX_EMBEDS),
  }),
};
