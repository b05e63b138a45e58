import type { SMTPTransportOptions } from 'nodemailer/lib/smtp-transport';
import type { SmtpSettings } from './smtp-settings.reader';

/** How long each phase of an SMTP session may take, in milliseconds. */
export interface SmtpTimeouts {
  /** TCP (and, when secure, TLS) connect, DNS included. */
  connectionMs: number;
  /** Waiting for the server's 220 greeting and for a STARTTLS upgrade. */
  greetingMs: number;
  /** Silence allowed once the session is up. */
  socketMs: number;
}

/** Short enough that a user testing a connection gets an answer while still looking at the form. */
export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = Object.freeze({ connectionMs: 10_000, greetingMs: 10_000, socketMs: 60_000 });

/** The one place connection settings become nodemailer options, so the test and the step behave alike. */
export function smtpTransportOptions(settings: SmtpSettings, timeouts: SmtpTimeouts): SMTPTransportOptions {
  const { config, auth, connectAddress } = settings;
  const pinned = connectAddress && connectAddress !== config.host;
  return {
    host: pinned ? connectAddress : config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTls ?? false,
    // Connecting to the pinned address, the certificate is still checked against the configured host name.
    tls: { rejectUnauthorized: config.rejectUnauthorized, ...(pinned ? { servername: config.host } : {}) },
    auth: auth ? { user: auth.user, pass: auth.pass } : undefined,
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    dnsTimeout: timeouts.connectionMs,
    // nodemailer would otherwise log message metadata to the console; failures reach the run record instead.
    logger: false,
  };
}
