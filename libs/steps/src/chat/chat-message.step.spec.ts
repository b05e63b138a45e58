import { failure, recorded } from '@app/testing';
import { ResolvedConnection, StepError } from '@app/engine';
import { OutboundHttpClient } from '@app/security';
import { RecordingServer } from '../http/recording-server.fixture';
import { createChatMessageSteps } from './chat-message-steps.factory';
import type { ChatMessageStep } from './chat-message.step';

const webhook = (type: string, url: string): ResolvedConnection => ({ id: 'c9', type, name: 'Team channel', config: {}, secrets: { url } });
const ctx = (connection?: ResolvedConnection) => ({ runId: 'run-3', stepKey: 'notify', attempt: 1, connection });



describe('chat message steps', () => {
  let slackServer: RecordingServer;
  let discordServer: RecordingServer;
  let teamsServer: RecordingServer;
  let client: OutboundHttpClient;
  let slack: ChatMessageStep;
  let discord: ChatMessageStep;
  let teams: ChatMessageStep;
  // The token part of each URL is what must never show up in a record.
  const slackConnection = () => webhook('slack-webhook', slackServer.url('/services/T01/B02/slack-token-xyz'));
  const discordConnection = () => webhook('discord-webhook', discordServer.url('/api/webhooks/123/discord-token-xyz'));
  const teamsConnection = () => webhook('teams-webhook', teamsServer.url('/workflows/abc/invoke?sig=teams-token-xyz'));

  beforeAll(async () => {
    // Each stand-in answers like the real service does on success.
    slackServer = await RecordingServer.start({ status: 200, headers: { 'content-type': 'text/html' }, body: 'ok' });
    discordServer = await RecordingServer.start({ status: 204 });
    teamsServer = await RecordingServer.start({ status: 202 });
    client = new OutboundHttpClient({ allowPrivate: true, allowHosts: [] });
    [slack, discord, teams] = createChatMessageSteps(client, { urls: { allowLoopbackForTests: true } });
  });

  afterAll(async () => {
    await client.close();
    await Promise.all([slackServer.close(), discordServer.close(), teamsServer.close()]);
  });

  it('declares types, fields and a required connection per provider', () => {
    expect([slack.type, discord.type, teams.type]).toEqual(['slack.message', 'discord.message', 'teams.message']);
    expect(slack.fields.map((f) => f.name)).toEqual(['text', 'username', 'iconEmoji', 'blocks']);
    expect(discord.fields.map((f) => f.name)).toEqual(['text', 'username', 'avatarUrl', 'embeds']);
    expect(teams.fields.map((f) => f.name)).toEqual(['text', 'title']);
    expect(slack.fields[0]).toMatchObject({ required: true, kinds: ['template', 'value', 'expr'] });
    expect(slack.connection).toEqual({ types: ['slack-webhook'], required: true });
    expect(discord.connection).toEqual({ types: ['discord-webhook'], required: true });
    expect(teams.connection).toEqual({ types: ['teams-webhook'], required: true });
  });

  describe('Slack', () => {
    it('posts { text } and returns Slack\'s "ok"', async () => {
      const out = await slack.execute({ text: 'New order from Ada' }, ctx(slackConnection()));
      expect(out).toEqual({ status: 200, body: 'ok' });
      const got = slackServer.last();
      expect(got).toMatchObject({ method: 'POST', path: '/services/T01/B02/slack-token-xyz' });
      expect(got.headers['content-type']).toBe('application/json');
      expect(got.body).toBe('{"text":"New order from Ada"}');
    });

    it('adds username, icon_emoji and blocks', async () => {
      const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Order* #42' } }];
      await slack.execute({ text: 'Order #42', username: 'Shop', iconEmoji: 'rocket', blocks }, ctx(slackConnection()));
      expect(JSON.parse(slackServer.last().body)).toEqual({ text: 'Order #42', username: 'Shop', icon_emoji: ':rocket:', blocks });
    });

    it('takes blocks as Block Kit Builder copies them: { "blocks": [...] }, even as JSON text', async () => {
      const blocks = [{ type: 'divider' }];
      await slack.execute({ text: 't', blocks: JSON.stringify({ blocks }) }, ctx(slackConnection()));
      expect(JSON.parse(slackServer.last().body)).toEqual({ text: 't', blocks });
    });

    it('429 is transient and honours Retry-After; the webhook URL stays out of the error', async () => {
      slackServer.answerNext({ status: 429, headers: { 'retry-after': '30' }, body: 'rate_limited' });
      const err = await failure(slack.execute({ text: 'hi' }, ctx(slackConnection())));
      expect(err).toMatchObject({ transient: true, retryAfterMs: 30_000 });
      expect(err.message).toMatch(/rate-limiting; it will be retried \(the server asked to wait 30 s\)/);
      expect(err.details).toMatchObject({ status: 429, body: 'rate_limited', request: { method: 'POST', url: `${slackServer.url('')}/…` } });
      expect(recorded(err)).not.toContain('slack-token-xyz');
    });

    it('5xx is transient, 4xx final', async () => {
      slackServer.answerNext({ status: 500, body: 'oops' }, { status: 404, body: 'no_service' });
      expect((await failure(slack.execute({ text: 'hi' }, ctx(slackConnection())))).transient).toBe(true);
      const gone = await failure(slack.execute({ text: 'hi' }, ctx(slackConnection())));
      expect(gone).toMatchObject({ transient: false, details: { status: 404, body: 'no_service' } });
      expect(recorded(gone)).not.toContain('slack-token-xyz');
    });

    it('a service that echoes the URL back has it blanked', async () => {
      slackServer.answerNext({ status: 400, body: 'invalid_payload for /services/T01/B02/slack-token-xyz' });
      const err = await failure(slack.execute({ text: 'hi' }, ctx(slackConnection())));
      expect(err.details!.body).toBe('invalid_payload for [redacted]');
    });
  });

  describe('Discord', () => {
    it('posts { content, username, avatar_url, embeds } and returns the 204', async () => {
      const embeds = [{ title: 'Order #42', description: '2 items', color: 5814783 }];
      const out = await discord.execute(
        { text: '**New order**', username: 'Shop', avatarUrl: 'https://example.com/a.png', embeds },
        ctx(discordConnection()),
      );
      expect(out).toEqual({ status: 204, body: '' });
      const got = discordServer.last();
      expect(got).toMatchObject({ method: 'POST', path: '/api/webhooks/123/discord-token-xyz' });
      expect(JSON.parse(got.body)).toEqual({ content: '**New order**', username: 'Shop', avatar_url: 'https://example.com/a.png', embeds });
    });

    it('sends only content when nothing else is set; a single embed object becomes a list', async () => {
      await discord.execute({ text: 'hi' }, ctx(discordConnection()));
      expect(discordServer.last().body).toBe('{"content":"hi"}');
      await discord.execute({ text: 'hi', embeds: { title: 'one' } }, ctx(discordConnection()));
      expect(JSON.parse(discordServer.last().body)).toEqual({ content: 'hi', embeds: [{ title: 'one' }] });
    });

    it('refuses text over 2000 characters before calling out', async () => {
      const before = discordServer.received.length;
      const err = await failure(discord.execute({ text: 'x'.repeat(2001) }, ctx(discordConnection())));
      expect(err).toMatchObject({ transient: false });
      expect(err.message).toMatch(/Message is 2001 characters long; the service accepts at most 2000/);
      expect(discordServer.received.length).toBe(before);
    });

    it.each([
      ['11 embeds', { text: 'hi', embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }, /Embeds has 11 items; the service accepts at most 10/],
      ['an embed that is not an object', { text: 'hi', embeds: [1] }, /Embeds item 1 must be an object/],
      ['a bad avatar URL', { text: 'hi', avatarUrl: 'not a url' }, /Avatar URL must be a web address/],
      ['an object as username', { text: 'hi', username: { a: 1 } }, /Sender name must be text, not an object/],
    ])('refuses %s', async (_label, input, message) => {
      const err = await failure(discord.execute(input, ctx(discordConnection())));
      expect(err.transient).toBe(false);
      expect(err.message).toMatch(message);
    });
  });

  describe('Teams', () => {
    it('posts a message with an Adaptive Card attachment', async () => {
      const out = await teams.execute({ text: 'Deploy **finished**', title: 'Build 42' }, ctx(teamsConnection()));
      expect(out).toEqual({ status: 202, body: '' });
      expect(teamsServer.last().path).toBe('/workflows/abc/invoke?sig=teams-token-xyz');
      expect(JSON.parse(teamsServer.last().body)).toEqual({
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            contentUrl: null,
            content: {
              $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
              type: 'AdaptiveCard',
              version: '1.4',
              body: [
                { type: 'TextBlock', text: 'Build 42', size: 'Large', weight: 'Bolder', wrap: true },
                { type: 'TextBlock', text: 'Deploy **finished**', wrap: true },
              ],
            },
          },
        ],
      });
    });

    it('without a title the card holds only the text', async () => {
      await teams.execute({ text: 'hello' }, ctx(teamsConnection()));
      const card = JSON.parse(teamsServer.last().body).attachments[0].content;
      expect(card.body).toEqual([{ type: 'TextBlock', text: 'hello', wrap: true }]);
    });

    it('the signature in the URL query stays out of errors', async () => {
      teamsServer.answerNext({ status: 503, headers: { 'retry-after': '5' } });
      const err = await failure(teams.execute({ text: 'hello' }, ctx(teamsConnection())));
      expect(err).toMatchObject({ transient: true, retryAfterMs: 5000 });
      expect(recorded(err)).not.toContain('teams-token-xyz');
    });
  });

  describe('settings and connections', () => {
    it.each([{}, { text: '' }, { text: '   ' }, { text: null }])('refuses an empty message %j', async (input) => {
      const err = await failure(slack.execute(input, ctx(slackConnection())));
      expect(err).toMatchObject({ transient: false });
      expect(err.message).toMatch(/Message is empty/);
    });

    it('needs a connection', async () => {
      const err = await failure(slack.execute({ text: 'hi' }, ctx()));
      expect(err.message).toBe("slack.message steps need a connection of type slack-webhook. Choose one in the step's settings.");
    });

    it("refuses another provider's connection", async () => {
      const err = await failure(slack.execute({ text: 'hi' }, ctx(discordConnection())));
      expect(err.message).toMatch(/"Team channel" is a discord-webhook connection; slack.message steps take slack-webhook/);
    });

    it('refuses a stored URL that is not the provider\'s, without calling it or echoing it', async () => {
      const before = discordServer.received.length;
      const err = await failure(discord.execute({ text: 'hi' }, ctx(webhook('discord-webhook', 'https://evil.example/api/webhooks/1/tok'))));
      expect(err.message).toMatch(/url is not a Discord incoming-webhook address/);
      expect(recorded(err)).not.toContain('evil.example');
      expect(discordServer.received.length).toBe(before);
    });

    it('production steps (no test option) refuse loopback webhook URLs', async () => {
      const [prodSlack] = createChatMessageSteps(client);
      const err = await failure(prodSlack.execute({ text: 'hi' }, ctx(slackConnection())));
      expect(err.message).toMatch(/url must start with https:\/\//);
    });

    it('calls go through the outbound guard', async () => {
      const guarded = new OutboundHttpClient({ allowPrivate: false, allowHosts: [] });
      const [guardedSlack] = createChatMessageSteps(guarded, { urls: { allowLoopbackForTests: true } });
      const err = await failure(guardedSlack.execute({ text: 'hi' }, ctx(slackConnection())));
      await guarded.close();
      expect(err).toMatchObject({ transient: false, details: { code: 'EOUTBOUND_FORBIDDEN' } });
      expect(recorded(err)).not.toContain('slack-token-xyz');
    });
  });
});
