import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { call, waitFor, waitForRun } from '../support/http';
import { SmtpSink } from '../support/smtp-sink';
import { TargetServer } from '../support/target-server';
import { startTestApp, TestApp } from '../support/test-app';

/** Every file under a folder, as latin1 text: to prove a secret is not stored in plain text. */
function filesContain(dir: string, needle: string): boolean {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory() ? filesContain(path, needle) : readFileSync(path, 'latin1').includes(needle)) return true;
  }
  return false;
}

describe('actions and connections', () => {
  let t: TestApp;
  const smtp = new SmtpSink();
  const target = new TargetServer();
  let smtpPort: number;
  let targetUrl: string;

  beforeAll(async () => {
    smtpPort = await smtp.start();
    targetUrl = await target.start();
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await target.stop();
  });

  const smtpConnection = (pass = smtp.pass) => ({
    type: 'smtp',
    name: 'Office mail',
    config: { host: '127.0.0.1', port: smtpPort, secure: false, from: 'Shop <shop@example.com>' },
    secrets: { user: smtp.user, pass },
  });
  const post = (path: string, body?: unknown) => call('POST', `${t.url}${path}`, body);

  it('keeps connection secrets write-only and sealed at rest', async () => {
    const created = await post('/api/connections', smtpConnection());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: 'smtp', name: 'Office mail', config: { host: '127.0.0.1' }, secretsSet: ['user', 'pass'] });
    const everything = JSON.stringify([created.body, (await call('GET', `${t.url}/api/connections`)).body, (await call('GET', `${t.url}/api/connections/${created.body.id}`)).body]);
    expect(everything).not.toContain(smtp.pass);

    if (t.store.env.DATABASE_URL) {
      const pg = new Client({ connectionString: t.store.env.DATABASE_URL });
      await pg.connect();
      const { rows } = await pg.query('SELECT sealed_secrets FROM connections WHERE id = $1', [created.body.id]);
      await pg.end();
      expect(rows[0].sealed_secrets).toMatch(/^v1\./);
      expect(rows[0].sealed_secrets).not.toContain(smtp.pass);
    } else {
      // The embedded store's files: the connection's name is there, its password is not.
      await waitFor(async () => (filesContain(t.store.env.DATA_DIR, 'Office mail') ? true : undefined), 5000, 'the row to reach disk');
      expect(filesContain(t.store.env.DATA_DIR, smtp.pass)).toBe(false);
    }
  });

  it('tests a connection for real and says what is wrong in plain words', async () => {
    const good = await post('/api/connections', smtpConnection());
    expect((await post(`/api/connections/${good.body.id}/test`)).body).toMatchObject({ ok: true });
    const bad = await post('/api/connections', smtpConnection('wrong'));
    const answer = (await post(`/api/connections/${bad.body.id}/test`)).body;
    expect(answer.ok).toBe(false);
    expect(answer.message).toMatch(/rejected the user name or password/);
    expect(answer.message).not.toContain('wrong');
  });

  it('rejects bad connections with 400 naming the field', async () => {
    const noHost = await post('/api/connections', { ...smtpConnection(), config: { port: 25 } });
    expect(noHost.status).toBe(400);
    expect(noHost.body.detail).toMatch(/^config\.host/);
    const unknown = await post('/api/connections', { type: 'fax', name: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toMatch(/unknown connection type "fax"/);
  });

  it('sends a mapped email through the SMTP connection, without secrets in the run', async () => {
    const conn = (await post('/api/connections', smtpConnection())).body;
    const wf = (
      await post('/api/workflows', {
        name: 'Thank-you email',
        steps: [
          {
            key: 'thanks',
            type: 'email',
            connection: conn.id,
            config: {
              to: { expr: 'trigger.body.email' },
              bcc: { value: ['archive@example.com'] },
              subject: { template: 'Thanks, {{trigger.body.name}}' },
              text: { template: 'Hello {{trigger.body.name}}, we got: {{trigger.body.message}}' },
              html: { template: '<p>Hello {{trigger.body.name}}</p>' },
            },
          },
        ],
      })
    ).body;
    const hook = await call('POST', wf.hookUrl, { name: 'Ada <b>', email: 'ada@example.org', message: 'Tea?' });
    const run = await waitForRun(t.url, hook.body.runId);
    expect(run.status).toBe('succeeded');
    expect(run.steps[0].output).toMatchObject({ accepted: ['ada@example.org', 'archive@example.com'], rejected: [] });
    expect(JSON.stringify(run)).not.toContain(smtp.pass);

    const mail = smtp.messages.at(-1)!;
    expect(mail.to).toEqual(['ada@example.org', 'archive@example.com']);
    expect(mail.raw).toMatch(/^From: Shop <shop@example\.com>/m);
    expect(mail.raw).toMatch(/^To: ada@example\.org/m);
    expect(mail.raw).toMatch(/^Subject: Thanks, Ada <b>/m);
    expect(mail.raw).not.toMatch(/^Bcc:/m);
    expect(mail.raw).toContain('Hello Ada <b>, we got: Tea?');
    expect(mail.raw).toContain('<p>Hello Ada &lt;b&gt;</p>');
  });

  it('refuses to delete a connection a workflow uses, and a workflow naming a wrong connection', async () => {
    const conn = (await post('/api/connections', smtpConnection())).body;
    const step = { key: 'm', type: 'email', connection: conn.id, config: { to: { value: 'a@example.org' }, subject: { value: 's' }, text: { value: 't' } } };
    await post('/api/workflows', { name: 'Uses mail', steps: [step] });
    const del = await call('DELETE', `${t.url}/api/connections/${conn.id}`);
    expect(del.status).toBe(409);
    expect(del.body.detail).toMatch(/Uses mail/);

    const missing = await post('/api/workflows', { name: 'x', steps: [{ ...step, connection: '00000000-0000-4000-8000-000000000000' }] });
    expect(missing.body.detail).toMatch(/steps\[0\]\.connection: no connection with id/);
    const none = await post('/api/workflows', { name: 'x', steps: [{ ...step, connection: undefined }] });
    expect(none.body.detail).toMatch(/steps\[0\]\.connection: email needs a connection of type smtp/);
    const bearer = (await post('/api/connections', { type: 'http-bearer', name: 'API', secrets: { token: 'tok-123' } })).body;
    const wrongType = await post('/api/workflows', { name: 'x', steps: [{ ...step, connection: bearer.id }] });
    expect(wrongType.body.detail).toMatch(/email takes a smtp connection, not http-bearer/);
  });

  it('calls an API with a bearer connection and posts to a Slack incoming webhook', async () => {
    const bearer = (await post('/api/connections', { type: 'http-bearer', name: 'CRM token', secrets: { token: 'crm-secret-token' } })).body;
    const slack = (await post('/api/connections', { type: 'slack-webhook', name: 'Sales channel', secrets: { url: `${targetUrl}/slack` } })).body;
    const wf = (
      await post('/api/workflows', {
        name: 'CRM and Slack',
        steps: [
          { key: 'crm', type: 'http', connection: bearer.id, config: { url: { value: `${targetUrl}/crm` }, body: { expr: "{ 'name': trigger.body.name }" } } },
          { key: 'tell', type: 'slack.message', connection: slack.id, config: { text: { template: 'New lead: {{trigger.body.name}} ({{steps.crm.body.id}})' } } },
        ],
      })
    ).body;
    target.received.length = 0;
    const hook = await call('POST', wf.hookUrl, { name: 'Grace' });
    const run = await waitForRun(t.url, hook.body.runId);
    expect(run.status).toBe('succeeded');
    const [crm, chat] = target.received;
    expect(crm.headers.authorization).toBe('Bearer crm-secret-token');
    expect(chat.url).toBe('/slack');
    expect(chat.json()).toEqual({ text: 'New lead: Grace (lead-1)' });
    expect(JSON.stringify(run)).not.toContain('crm-secret-token');
  });

  it('lists the action and connection types with their fields, for forms', async () => {
    const steps = (await call('GET', `${t.url}/api/step-types`)).body as Array<{ type: string; fields: Array<{ name: string }> }>;
    expect(steps.map((s) => s.type)).toEqual(expect.arrayContaining(['filter', 'http', 'email', 'slack.message', 'discord.message', 'teams.message']));
    expect(steps.find((s) => s.type === 'email')!.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['to', 'subject', 'html']));
    const types = (await call('GET', `${t.url}/api/connection-types`)).body as Array<{ type: string; secrets: { properties: object } }>;
    expect(types.find((c) => c.type === 'smtp')!.secrets.properties).toHaveProperty('pass');
  });
});

describe('connectors under the default outbound policy', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ OUTBOUND_ALLOW_PRIVATE: 'false' })));
  afterAll(() => t.close());

  it('refuses a mail server on a private address, and says how to allow it', async () => {
    const conn = await call('POST', `${t.url}/api/connections`, {
      type: 'smtp',
      name: 'Sneaky',
      config: { host: '127.0.0.1', port: 25 },
      secrets: {},
    });
    const answer = (await call('POST', `${t.url}/api/connections/${conn.body.id}/test`)).body;
    expect(answer).toEqual({ ok: false, message: expect.stringMatching(/refused to connect to 127\.0\.0\.1.*OUTBOUND_ALLOW_HOSTS/) });
  });
});
