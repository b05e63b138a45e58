import type { ResolvedConnection } from '@app/engine';
import { closedPort, LOOPBACK_PASS, LOOPBACK_USER, LoopbackSmtpServer, startSilentServer } from './loopback-smtp.fixture';
import { SmtpConnectionType } from './smtp.connection';

function connection(config: Record<string, unknown>, secrets: Record<string, string> = { user: LOOPBACK_USER, pass: LOOPBACK_PASS }): ResolvedConnection {
  return { id: 'c1', type: 'smtp', name: 'Office mail', config, secrets };
}

describe('SmtpConnectionType', () => {
  let server: LoopbackSmtpServer;
  const smtp = new SmtpConnectionType({ connectionMs: 2000, greetingMs: 300 });
  // The loopback server's certificate is self-signed and expired; tests that are not about TLS skip the check.
  const local = (extra: Record<string, unknown> = {}) => ({ host: '127.0.0.1', port: server.port, rejectUnauthorized: false, ...extra });

  beforeAll(async () => {
    server = await new LoopbackSmtpServer().start();
  });
  afterAll(() => server.close());

  describe('schemas', () => {
    it('applies defaults: port 587, STARTTLS, certificates checked', () => {
      expect(smtp.config.parse({ host: 'mail.example.com' })).toEqual({ host: 'mail.example.com', port: 587, secure: false, rejectUnauthorized: true });
    });

    it('refuses a default sender that is not one address', () => {
      expect(smtp.config.safeParse({ host: 'h', from: 'Acme <noreply@acme.com>' }).success).toBe(true);
      expect(smtp.config.safeParse({ host: 'h', from: 'noreply' }).success).toBe(false);
      expect(smtp.config.safeParse({ host: 'h', port: 0 }).success).toBe(false);
    });

    it('wants user and password together, or neither', () => {
      expect(smtp.secrets.safeParse({}).success).toBe(true);
      expect(smtp.secrets.safeParse({ user: '', pass: '' }).success).toBe(true);
      expect(smtp.secrets.safeParse({ user: 'u@x.com', pass: 'p' }).success).toBe(true);
      const alone = smtp.secrets.safeParse({ user: 'u@x.com' });
      expect(alone.success).toBe(false);
      expect(alone.error?.issues[0].message).toMatch(/both the user name and the password, or neither/);
    });
  });

  describe('test()', () => {
    it('signs in for real (EHLO, STARTTLS, AUTH)', async () => {
      const before = server.logins;
      await expect(smtp.test(connection(local()))).resolves.toEqual({
        ok: true,
        detail: `Connected to 127.0.0.1:${server.port} (STARTTLS when offered, signed in).`,
      });
      expect(server.logins).toBe(before + 1);
    });

    it('a wrong password: says so, without echoing it', async () => {
      const result = await smtp.test(connection(local(), { user: LOOPBACK_USER, pass: 'wrong-password' }));
      expect(result).toEqual({ ok: false, message: expect.stringMatching(/^The server rejected the user name or password \(535 5\.7\.8 .*\)\. Check both on the connection/) });
      const text = JSON.stringify(result);
      expect(text).not.toContain('wrong-password');
      expect(text).not.toContain(LOOPBACK_USER);
    });

    it('a refused port: could not reach host:port (connection refused)', async () => {
      const port = await closedPort();
      const result = await smtp.test(connection({ host: '127.0.0.1', port }));
      expect(result).toEqual({ ok: false, message: expect.stringMatching(new RegExp(`^Could not reach 127\\.0\\.0\\.1:${port} \\(connection refused\\)\\. Check the host and port`)) });
    });

    it('a server that never greets: did not answer in time, with the Secure hint', async () => {
      const silent = await startSilentServer();
      try {
        const result = await smtp.test(connection({ host: '127.0.0.1', port: silent.port }));
        expect(result).toEqual({ ok: false, message: expect.stringMatching(/but the server did not answer in 300 ms\. If this port expects TLS from the start \(usually 465\), turn Secure on/) });
      } finally {
        await silent.close();
      }
    });

    it('checks certificates by default: TLS failed with the reason', async () => {
      const result = await smtp.test(connection({ host: '127.0.0.1', port: server.port }));
      expect(result).toEqual({ ok: false, message: expect.stringMatching(/^TLS failed: certificate has expired\. .*turn off "Check certificate"/) });
    });

    it('Secure on a STARTTLS port: TLS failed, turn Secure off', async () => {
      const result = await smtp.test(connection(local({ secure: true })));
      expect(result).toEqual({ ok: false, message: expect.stringMatching(/^TLS failed: wrong version number\. .*turn Secure off/) });
    });

    it('a host that does not resolve', async () => {
      const result = await smtp.test(connection({ host: 'mail.hookflow.invalid' }));
      expect(result).toEqual({ ok: false, message: expect.stringMatching(/^Could not find the mail server mail\.hookflow\.invalid/) });
    });

    it('Require TLS against a server without STARTTLS: TLS failed, and why', async () => {
      const plain = await new LoopbackSmtpServer({ starttls: false }).start();
      try {
        await expect(smtp.test(connection({ host: '127.0.0.1', port: plain.port }))).resolves.toMatchObject({ ok: true });
        const result = await smtp.test(connection({ host: '127.0.0.1', port: plain.port, requireTls: true }));
        expect(result).toEqual({ ok: false, message: expect.stringMatching(/^TLS failed: the server .* does not offer STARTTLS \(500 .*\), and the connection requires TLS\. Use port 465 with Secure on/) });
      } finally {
        await plain.close();
      }
    });

    it('invalid stored settings are reported, not thrown', async () => {
      await expect(smtp.test(connection({ port: 25 }))).resolves.toEqual({ ok: false, message: expect.stringMatching(/^The connection's settings are not valid: host: /) });
    });
  });
});
