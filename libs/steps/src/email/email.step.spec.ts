import { failure } from '@app/testing';
import { StepError } from '@app/engine';
import type { FieldSpec, ResolvedConnection, StepContext } from '@app/engine';
import { compileFieldSet } from '@app/mapping';
import {
  closedPort,
  startSilentServer,
  LOOPBACK_PASS,
  LOOPBACK_USER,
  LoopbackSmtpServer,
  rawHeaders,
  rawPart,
} from '../connections/smtp/loopback-smtp.fixture';
import { SmtpTransportPool } from '../connections/smtp/smtp-transport.pool';
import { EMAIL_FIELDS } from './email.fields';
import { EmailStep } from './email.step';


describe('EmailStep', () => {
  let server: LoopbackSmtpServer;
  let step: EmailStep;
  let smtp: ResolvedConnection;
  const ctx = (connection: ResolvedConnection | null = smtp): StepContext => ({
    runId: 'run-1',
    stepKey: 'thanks',
    attempt: 1,
    connection: connection ?? undefined,
  });
  const basic = { to: 'ada@example.com', subject: 'Hello', text: 'Hi there' };

  beforeAll(async () => {
    server = await new LoopbackSmtpServer().start();
    smtp = {
      id: 'conn-1',
      type: 'smtp',
      name: 'Office mail',
      // STARTTLS with the loopback server's self-signed certificate; see LoopbackSmtpServer.
      config: { host: '127.0.0.1', port: server.port, secure: false, from: 'Acme <noreply@acme.test>', rejectUnauthorized: false },
      secrets: { user: LOOPBACK_USER, pass: LOOPBACK_PASS },
    };
    step = new EmailStep(new SmtpTransportPool({ timeouts: { connectionMs: 2000, greetingMs: 2000 } }));
  });

  afterAll(async () => {
    step.close();
    await server.close();
  });

  describe('the message', () => {
    it('sends From, To, Cc, Reply-To, Subject and both parts; Bcc only in the envelope', async () => {
      const out = await step.execute(
        {
          from: 'Support <support@acme.test>',
          to: 'Ada Lovelace <ada@example.com>, bob@example.com',
          cc: ['carol@example.com'],
          bcc: [{ name: 'Audit', address: 'audit@acme.test' }],
          replyTo: 'dave@example.com',
          subject: 'Thanks, Ada',
          text: 'Plain words',
          html: '<p>Rich words</p>',
        },
        ctx(),
      );
      const mail = server.last();
      const headers = rawHeaders(mail.raw);
      expect(headers.from).toBe('Support <support@acme.test>');
      expect(headers.to).toBe('Ada Lovelace <ada@example.com>, bob@example.com');
      expect(headers.cc).toBe('carol@example.com');
      expect(headers['reply-to']).toBe('dave@example.com');
      expect(headers.subject).toBe('Thanks, Ada');
      expect(headers.bcc).toBeUndefined();
      expect(mail.raw).not.toContain('audit@acme.test');
      expect(mail.from).toBe('support@acme.test');
      expect(mail.to).toEqual(['ada@example.com', 'bob@example.com', 'carol@example.com', 'audit@acme.test']);
      expect(headers['content-type']).toMatch(/^multipart\/alternative/);
      expect(rawPart(mail.raw, 'text/plain')).toBe('Plain words');
      expect(rawPart(mail.raw, 'text/html')).toBe('<p>Rich words</p>');
      expect(out).toEqual({ messageId: headers['message-id'], accepted: mail.to, rejected: [] });
    });

    it('escapes a mapped value in the HTML part, not in the text part (fields declared html)', async () => {
      const config: Record<string, FieldSpec> = {
        to: { expr: 'trigger.body.email' },
        subject: { template: 'Thanks, {{trigger.body.name}}' },
        text: { template: 'Hi {{trigger.body.name}}' },
        html: { template: '<p>Hi {{trigger.body.name}}</p>' },
      };
      const { values, errors } = await compileFieldSet(config, EMAIL_FIELDS).evaluate({
        trigger: { body: { email: 'eve@example.com', name: '<script>alert(1)</script>' } },
      });
      expect(errors).toEqual({});
      await step.execute(values, ctx());
      const { raw } = server.last();
      expect(rawPart(raw, 'text/html')).toBe('<p>Hi &lt;script&gt;alert(1)&lt;/script&gt;</p>');
      expect(rawPart(raw, 'text/plain')).toBe('Hi <script>alert(1)</script>');
    });

    it('takes a list of { name, address } from an expression, and From from the connection', async () => {
      await step.execute({ ...basic, to: [{ name: 'Ada', address: 'ada@example.com' }, 'bob@example.com'] }, ctx());
      const headers = rawHeaders(server.last().raw);
      expect(headers.to).toBe('Ada <ada@example.com>, bob@example.com');
      expect(headers.from).toBe('Acme <noreply@acme.test>');
    });

    it('falls back to the user name as sender when neither step nor connection sets From', async () => {
      const noFrom = { ...smtp, config: { ...smtp.config, from: undefined } };
      await step.execute(basic, ctx(noFrom));
      expect(server.last().from).toBe(LOOPBACK_USER);
    });

    it('reuses one signed-in session for several messages', async () => {
      const pool = new SmtpTransportPool();
      const pooled = new EmailStep(pool);
      const before = server.logins;
      try {
        await pooled.execute(basic, ctx());
        await pooled.execute(basic, ctx());
        await Promise.all([pooled.execute(basic, ctx()), pooled.execute(basic, ctx())]);
        expect(pool.size).toBe(1);
        expect(server.logins - before).toBeLessThanOrEqual(2);
      } finally {
        pooled.close();
      }
    });

    it('keeps going when some recipients are refused, and says which', async () => {
      const out = await step.execute({ ...basic, to: 'gone@example.com, ada@example.com' }, ctx());
      expect(out).toMatchObject({ accepted: ['ada@example.com'], rejected: ['gone@example.com'] });
    });
  });

  describe('fields it refuses (final)', () => {
    it.each([
      [{ ...basic, to: 'bob@' }, /^To: "bob@" is not a valid email address\. Write name@example\.com/],
      [{ ...basic, to: ['ada@example.com', 'not an address'] }, /^To: "not an address" is not a valid/],
      [{ ...basic, cc: 'x@y, z' }, /^Cc: "x@y", "z" are not valid email addresses/],
      [{ ...basic, to: undefined }, /^To is empty/],
      [{ ...basic, subject: '  ' }, /^Subject is empty/],
      [{ ...basic, text: '' }, /^The email has no content: fill in Text, HTML or both/],
      [{ ...basic, from: 'a@x.com, b@y.com' }, /^From must be exactly one address/],
    ])('%j', async (input, message) => {
      const before = server.received.length;
      const err = await failure(step.execute(input, ctx()));
      expect(err.transient).toBe(false);
      expect(err.message).toMatch(message);
      expect(server.received.length).toBe(before);
    });

    it('needs an smtp connection', async () => {
      expect((await failure(step.execute(basic, ctx(null)))).message).toMatch(/needs an SMTP connection/);
      const other = { ...smtp, type: 'http-bearer' };
      expect((await failure(step.execute(basic, ctx(other)))).message).toMatch(/is a http-bearer connection/);
    });
  });

  describe('server answers', () => {
    it('a wrong password is final, in plain words, with no secret anywhere', async () => {
      const wrong = { ...smtp, id: 'conn-wrong', secrets: { user: LOOPBACK_USER, pass: 'not-the-password' } };
      const err = await failure(step.execute(basic, ctx(wrong)));
      expect(err.transient).toBe(false);
      expect(err.message).toMatch(/^The server rejected the user name or password \(535 .*\)\. Check both on the connection.*This is not retried\.$/);
      const everything = JSON.stringify({ message: err.message, details: err.details });
      expect(everything).not.toContain('not-the-password');
      expect(everything).not.toContain(LOOPBACK_USER);
    });

    it('451 for every recipient is transient', async () => {
      const err = await failure(step.execute({ ...basic, to: 'later@example.com' }, ctx()));
      expect(err.transient).toBe(true);
      expect(err.message).toBe('The mail server refused every recipient: later@example.com (451 4.7.1 greylisted, try again later). Check the addresses. It will be retried.');
      expect(err.details).toMatchObject({ responseCode: 451, command: 'RCPT TO', rejected: [{ recipient: 'later@example.com' }] });
    });

    it('452 is transient', async () => {
      expect((await failure(step.execute({ ...basic, to: 'full@example.com' }, ctx()))).transient).toBe(true);
    });

    it('550 for every recipient is final', async () => {
      const err = await failure(step.execute({ ...basic, to: 'gone@example.com' }, ctx()));
      expect(err.transient).toBe(false);
      expect(err.message).toBe('The mail server refused every recipient: gone@example.com (550 5.1.1 mailbox unavailable). Check the addresses. This is not retried.');
    });

    it('553 for the sender is final and names the sender', async () => {
      const err = await failure(step.execute({ ...basic, from: 'blocked@acme.test' }, ctx()));
      expect(err.transient).toBe(false);
      expect(err.message).toMatch(/^The mail server refused the sender blocked@acme\.test \(553 5\.7\.1 sender address not owned by user: the address is not allowed/);
    });

    it('a server that never greets is transient', async () => {
      const silent = await startSilentServer();
      const quick = new EmailStep(new SmtpTransportPool({ timeouts: { greetingMs: 200 } }));
      try {
        const mute = { ...smtp, id: 'conn-mute', config: { ...smtp.config, port: silent.port } };
        const err = await failure(quick.execute(basic, ctx(mute)));
        expect(err.transient).toBe(true);
        expect(err.message).toMatch(/but the server did not answer in 200 ms\..*It will be retried\.$/);
      } finally {
        quick.close();
        await silent.close();
      }
    });

    it('a run that is being stopped (aborted signal) is transient', async () => {
      const err = await failure(step.execute(basic, { ...ctx(), signal: AbortSignal.abort() }));
      expect(err.transient).toBe(true);
      expect(err.message).toMatch(/^Sending was interrupted because hookflow is stopping\. It will be retried\.$/);
    });

    it('a refused connection is transient', async () => {
      const port = await closedPort();
      const down = { ...smtp, id: 'conn-down', config: { ...smtp.config, port } };
      const err = await failure(step.execute(basic, ctx(down)));
      expect(err.transient).toBe(true);
      expect(err.message).toMatch(new RegExp(`^Could not reach 127\\.0\\.0\\.1:${port} \\(connection refused\\).*It will be retried\\.$`));
      expect(err.details).toEqual({ server: `127.0.0.1:${port}`, code: 'ESOCKET', command: 'CONN', responseCode: undefined, reply: undefined });
    });
  });
});
