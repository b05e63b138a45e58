import type { ConnectionTestResult, ConnectionType, ResolvedConnection } from '@app/engine';
import nodemailer from 'nodemailer';
import { SMTP_CONFIG_SCHEMA, SMTP_SECRETS_SCHEMA } from './smtp-connection.schema';
import { describeSmtpFailure } from './smtp-failure.describer';
import { readSmtpSettings } from './smtp-settings.reader';
import { pinSmtpHost } from './smtp-host.pinner';
import type { OutboundHostGuard } from '@app/security';
import { DEFAULT_SMTP_TIMEOUTS, SmtpTimeouts, smtpTransportOptions } from './smtp-transport.options';

/**
 * The `smtp` connection (SPEC §7): a mail server the email step sends through. config
 * `{ host, port, secure, from, requireTls, rejectUnauthorized }`, secrets `{ user, pass }`.
 */
export class SmtpConnectionType implements ConnectionType {
  readonly type = 'smtp';
  readonly label = 'Email server (SMTP)';
  readonly config = SMTP_CONFIG_SCHEMA;
  readonly secrets = SMTP_SECRETS_SCHEMA;
  private readonly timeouts: SmtpTimeouts;

  /**
   * Timeouts are shortened only by tests; users get 10 s for connecting and for the greeting. `guard` applies the
   * outbound address policy to the mail server.
   */
  constructor(
    timeouts: Partial<SmtpTimeouts> = {},
    private readonly guard?: OutboundHostGuard,
  ) {
    this.timeouts = { ...DEFAULT_SMTP_TIMEOUTS, ...timeouts };
  }

  /** A real session: connect, EHLO, STARTTLS when offered, AUTH when a user is set; no message is sent. */
  async test(connection: ResolvedConnection): Promise<ConnectionTestResult> {
    const read = readSmtpSettings(connection);
    if (!read.ok) return { ok: false, message: `The connection's settings are not valid: ${read.problem}.` };
    let settings = read.settings;
    try {
      settings = await pinSmtpHost(settings, this.guard);
    } catch (err) {
      return { ok: false, message: `The mail server ${(err as Error).message}` };
    }
    // Not pooled: a test must open a fresh session, never reuse one that was signed in earlier.
    const transporter = nodemailer.createTransport(smtpTransportOptions(settings, this.timeouts));
    try {
      await transporter.verify();
      const signIn = settings.auth ? 'signed in' : 'no sign-in configured';
      return { ok: true, detail: `Connected to ${settings.server} (${settings.config.secure ? 'TLS' : 'STARTTLS when offered'}, ${signIn}).` };
    } catch (err) {
      return { ok: false, message: describeSmtpFailure(err, settings, this.timeouts).message };
    } finally {
      transporter.close();
    }
  }
}
