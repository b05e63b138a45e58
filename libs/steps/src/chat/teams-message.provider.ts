import { TEAMS_WEBHOOK_TARGET } from '../connections/chat/chat-webhook.targets';
import { readOptionalText } from './chat-input.reader';
import type { ChatMessageProvider } from './chat-message.types';

const textBlock = (text: string, style: Record<string, unknown> = {}) => ({ type: 'TextBlock', text, wrap: true, ...style });

/**
 * Teams: a message with one Adaptive Card attachment, the shape both Workflows (Power Automate) webhooks
 * and the older Office 365 connectors accept. MessageCard would only work on the connectors, which
 * Microsoft is retiring.
 */
export const TEAMS_MESSAGE_PROVIDER: ChatMessageProvider = {
  stepType: 'teams.message',
  target: TEAMS_WEBHOOK_TARGET,
  textHelp: 'The message; Teams renders a subset of Markdown (**bold**, _italic_, [links](https://example.com), lists). Insert values with {{…}}.',
  fields: [{ name: 'title', label: 'Title', kinds: ['value', 'template'], help: 'Optional heading shown in large bold text above the message.' }],
  buildPayload: (text, input) => {
    const title = readOptionalText(input, 'title', 'Title');
    const body = [...(title === undefined ? [] : [textBlock(title, { size: 'Large', weight: 'Bolder' })]), textBlock(text)];
    return {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body },
        },
      ],
    };
  },
};
