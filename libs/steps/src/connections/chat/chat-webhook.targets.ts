import type { ChatWebhookTarget } from './chat-webhook.target';

const hostIs = (url: URL, ...hosts: string[]) => hosts.includes(url.hostname.toLowerCase());
const hostEndsWith = (url: URL, ...suffixes: string[]) => suffixes.some((s) => url.hostname.toLowerCase().endsWith(s));

/** Slack app and legacy incoming webhooks (GovSlack has its own host). */
export const SLACK_WEBHOOK_TARGET: ChatWebhookTarget = {
  type: 'slack-webhook',
  provider: 'Slack',
  example: 'https://hooks.slack.com/services/T…/B…/…',
  accepts: (url) => hostIs(url, 'hooks.slack.com', 'hooks.slack-gov.com'),
};

/** Discord channel webhooks, on either domain and any API version. */
export const DISCORD_WEBHOOK_TARGET: ChatWebhookTarget = {
  type: 'discord-webhook',
  provider: 'Discord',
  example: 'https://discord.com/api/webhooks/<id>/<token>',
  accepts: (url) =>
    hostIs(url, 'discord.com', 'discordapp.com', 'ptb.discord.com', 'canary.discord.com') &&
    /^\/api\/(v\d+\/)?webhooks\/[^/]+\/[^/]+/.test(url.pathname),
};

/**
 * Teams: Workflows (Power Automate / Logic Apps) webhook URLs, which replace the retiring Office 365
 * connectors, and the connectors' *.webhook.office.com URLs while they last.
 */
export const TEAMS_WEBHOOK_TARGET: ChatWebhookTarget = {
  type: 'teams-webhook',
  provider: 'Microsoft Teams',
  example: 'https://<region>.logic.azure.com/workflows/… or https://<tenant>.webhook.office.com/webhookb2/…',
  accepts: (url) =>
    hostEndsWith(url, '.webhook.office.com', '.logic.azure.com', '.api.powerplatform.com', '.logic.azure.us') ||
    hostIs(url, 'outlook.office.com', 'outlook.office365.com'),
};

export const CHAT_WEBHOOK_TARGETS: readonly ChatWebhookTarget[] = [SLACK_WEBHOOK_TARGET, DISCORD_WEBHOOK_TARGET, TEAMS_WEBHOOK_TARGET];
