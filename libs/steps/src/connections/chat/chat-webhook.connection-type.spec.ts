import { z } from 'zod';
import { StepError } from '@app/engine';
import { ChatWebhookConnectionType } from './chat-webhook.connection-type';
import { createChatWebhookConnectionTypes } from './chat-webhook-connection-types.factory';
import { DISCORD_WEBHOOK_TARGET, SLACK_WEBHOOK_TARGET, TEAMS_WEBHOOK_TARGET } from './chat-webhook.targets';

const messageFor = (type: ChatWebhookConnectionType, url: unknown) => {
  const result = type.secrets.safeParse({ url });
  return result.success ? undefined : result.error.issues[0].message;
};

describe('chat webhook connection types', () => {
  const [slack, discord, teams] = createChatWebhookConnectionTypes();
  const byName = { slack, discord, teams };

  it('are slack-webhook, discord-webhook and teams-webhook, with schemas the UI can render', () => {
    expect([slack.type, discord.type, teams.type]).toEqual(['slack-webhook', 'discord-webhook', 'teams-webhook']);
    expect(slack.label).toBe('Slack: incoming webhook');
    for (const type of [slack, discord, teams]) {
      expect(z.toJSONSchema(type.secrets)).toMatchObject({ required: ['url'] });
      expect(() => z.toJSONSchema(type.config)).not.toThrow();
    }
  });

  it.each([
    ['slack', 'https://hooks.slack.com/services/T000/B000/XXXX'],
    ['slack', 'https://hooks.slack-gov.com/services/T000/B000/XXXX'],
    ['discord', 'https://discord.com/api/webhooks/123/abc-DEF'],
    ['discord', 'https://discordapp.com/api/webhooks/123/abc'],
    ['discord', 'https://canary.discord.com/api/v10/webhooks/123/abc?thread_id=9'],
    ['teams', 'https://contoso.webhook.office.com/webhookb2/a@b/IncomingWebhook/c/d'],
    ['teams', 'https://prod-12.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=xyz'],
    ['teams', 'https://default1234.56.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/abc/triggers/manual/paths/invoke?sig=x'],
  ] as const)('%s accepts %s', (name, url) => {
    expect(messageFor(byName[name], url)).toBeUndefined();
  });

  it.each([
    ['slack', undefined, 'url is required'],
    ['slack', 'hooks.slack.com/services/x', `url must be the full webhook address, such as ${SLACK_WEBHOOK_TARGET.example}`],
    ['slack', 'http://hooks.slack.com/services/x', 'url must start with https://'],
    ['slack', 'https://discord.com/api/webhooks/1/a', `url is not a Slack incoming-webhook address; it should look like ${SLACK_WEBHOOK_TARGET.example}`],
    ['slack', 'https://hooks.slack.com.evil.example/services/x', `url is not a Slack incoming-webhook address; it should look like ${SLACK_WEBHOOK_TARGET.example}`],
    ['discord', 'https://discord.com/channels/1/2', `url is not a Discord incoming-webhook address; it should look like ${DISCORD_WEBHOOK_TARGET.example}`],
    ['teams', 'https://webhook.office.com.evil.example/x', `url is not a Microsoft Teams incoming-webhook address; it should look like ${TEAMS_WEBHOOK_TARGET.example}`],
  ] as const)('%s refuses %j', (name, url, message) => {
    expect(messageFor(byName[name], url)).toBe(message);
  });

  it('refuses loopback http unless the explicit test option is set', () => {
    const url = 'http://127.0.0.1:8080/services/T/B/X';
    expect(messageFor(slack, url)).toBe('url must start with https://');
    const forTests = new ChatWebhookConnectionType(SLACK_WEBHOOK_TARGET, { allowLoopbackForTests: true });
    expect(messageFor(forTests, url)).toBeUndefined();
    expect(messageFor(forTests, 'http://localhost:8080/x')).toBe('url must start with https://');
    expect(messageFor(forTests, 'http://10.0.0.1/x')).toBe('url must start with https://');
  });

  it('checks a stored URL again when a step uses it, without echoing it', () => {
    const stored = { id: 'c', type: 'slack-webhook', name: 'Alerts', config: {}, secrets: { url: 'https://example.com/secret-path' } };
    expect(() => slack.webhookUrl(stored)).toThrow(StepError);
    expect(() => slack.webhookUrl(stored)).toThrow(/"Alerts" cannot be used: its url is not a Slack incoming-webhook address/);
    expect(() => slack.webhookUrl(stored)).not.toThrow(/secret-path/);
    const good = { ...stored, secrets: { url: 'https://hooks.slack.com/services/T/B/X' } };
    expect(slack.webhookUrl(good).toString()).toBe('https://hooks.slack.com/services/T/B/X');
    expect(slack.shownUrl(slack.webhookUrl(good))).toBe('https://hooks.slack.com/…');
  });
});
