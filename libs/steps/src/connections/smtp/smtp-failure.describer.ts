import { redactSecrets } from './secret-text.redactor';
import { shortReply, smtpReplyPhrase } from './smtp-reply.phrases';
import type { SmtpSettings } from './smtp-settings.reader';
import type { SmtpTimeouts } from './smtp-transport.options';

/** The fields nodemailer puts on its errors that we read (see nodemailer's NodemailerError). */
export interface SmtpErrorLike {
  message?: string;
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  permanent?: boolean;
  timeoutType?: string;
  /** OpenSSL's short reason ("wrong version number") on TLS socket errors. */
  reason?: string;
}

export type SmtpFailureKind = 'unreachable' | 'not-found' | 'timeout' | 'tls' | 'auth' | 'reply' | 'aborted' | 'other';

/** A failure in plain words; `transient` says whether trying again later can help. */
export interface SmtpFailure {
  kind: SmtpFailureKind;
  transient: boolean;
  message: string;
  /** The server's reply, shortened and with secrets masked. */
  reply?: string;
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EHOSTDOWN: 'host down',
  ENETDOWN: 'network down',
  ETIMEDOUT: 'timed out',
  EADDRNOTAVAIL: 'address not available',
};

const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|DEPTH_ZERO|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME/;
/** Codes that describe a problem with what we asked for, not with the moment we asked. */
const FINAL_CODES = new Set(['ECONFIG', 'EMAXRECIPIENTS', 'EREQUIRETLS', 'ENOAUTH', 'EFILEACCESS', 'EURLACCESS', 'EENVELOPE', 'EMESSAGE']);

/**
 * Turns what nodemailer threw into one sentence on what happened and one on what to check. Shared by
 * the connection test and the email step, so both say the same thing about the same failure.
 */
export function describeSmtpFailure(raw: unknown, settings: SmtpSettings, timeouts: SmtpTimeouts): SmtpFailure {
  const err = (typeof raw === 'object' && raw !== null ? raw : { message: String(raw) }) as SmtpErrorLike;
  const clean = (text: string | undefined) => (text === undefined ? undefined : redactSecrets(text, settings.auth));
  const reply = clean(shortReply(err.response));
  const message = clean(err.message ?? 'unknown error') as string;
  const { server } = settings;
  const sysCode = err.originalCode ?? err.code ?? '';

  if (err.code === 'EABORT') return { kind: 'aborted', transient: true, message: 'Sending was interrupted because hookflow is stopping.' };
  if (err.code === 'EDNS') {
    return {
      kind: 'not-found',
      transient: true,
      message: `Could not find the mail server ${settings.config.host} (the name does not resolve: ${sysCode}). Check the host name for typos.`,
    };
  }
  if (err.code === 'ETIMEDOUT' && err.timeoutType) return { kind: 'timeout', transient: true, message: timeoutMessage(err.timeoutType, settings, timeouts) };
  if (err.code === 'ETLS' || TLS_CODE.test(sysCode)) return { kind: 'tls', transient: false, message: tlsMessage(err, settings, reply ?? message), reply };
  if (NETWORK_REASONS[sysCode] && !err.responseCode) {
    return {
      kind: 'unreachable',
      transient: true,
      message:
        `Could not reach ${server} (${NETWORK_REASONS[sysCode]}). Check the host and port (usually 587 with Secure off, ` +
        "or 465 with Secure on) and that the mail server accepts connections from hookflow's network.",
    };
  }
  if (err.code === 'EAUTH' || err.code === 'ENOAUTH' || err.responseCode === 530) return authFailure(err, reply ?? message);
  if (err.responseCode) {
    const phrase = smtpReplyPhrase(err.responseCode);
    return {
      kind: 'reply',
      transient: err.permanent === undefined ? err.responseCode < 500 : !err.permanent,
      message: `The mail server ${server} answered ${reply}${phrase ? `: ${phrase}` : ''}.`,
      reply,
    };
  }
  return { kind: 'other', transient: !FINAL_CODES.has(err.code ?? ''), message: `Talking to the mail server ${server} failed: ${message}.` };
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function timeoutMessage(type: string, settings: SmtpSettings, timeouts: SmtpTimeouts): string {
  const { server } = settings;
  switch (type) {
    case 'CONNECT_TIMEOUT':
      return (
        `Could not reach ${server}: no connection within ${formatDuration(timeouts.connectionMs)}. Check the host and port, ` +
        'and that no firewall blocks outgoing mail ports (many cloud providers block port 25).'
      );
    case 'GREETING_TIMEOUT':
      return (
        `Connected to ${server}, but the server did not answer in ${formatDuration(timeouts.greetingMs)}. ` +
        (settings.config.secure
          ? 'Check that this port expects TLS from the start (usually 465); for 587 or 25 turn Secure off.'
          : 'If this port expects TLS from the start (usually 465), turn Secure on.')
      );
    case 'UPGRADE_TIMEOUT':
      return `The server ${server} did not finish switching to TLS (STARTTLS) in ${formatDuration(timeouts.greetingMs)}. Try port 465 with Secure on.`;
    default:
      return `The server ${server} stopped answering for ${formatDuration(timeouts.socketMs)} in the middle of the session.`;
  }
}

function tlsMessage(err: SmtpErrorLike, settings: SmtpSettings, detail: string): string {
  const reason = err.reason ?? detail;
  if (err.command === 'STARTTLS' || /STARTTLS/i.test(detail)) {
    return (
      `TLS failed: the server ${settings.server} does not offer STARTTLS (${detail}), and the connection requires TLS. ` +
      'Use port 465 with Secure on, or turn Require TLS off if the network is trusted.'
    );
  }
  if (/wrong version number|packet length too long|unknown protocol|record layer failure/i.test(reason)) {
    return (
      `TLS failed: ${reason}. The port ${settings.config.port} does not speak TLS from the start: turn Secure off for ` +
      'port 587 or 25 (STARTTLS is used when offered), or use port 465 with Secure on.'
    );
  }
  return (
    `TLS failed: ${reason}. The server's certificate is not trusted (expired, self-signed, or made for another host name): ` +
    'check the host name against the certificate, or ask the mail provider which host name to use. ' +
    'If this is your own server with a self-signed certificate, turn off "Check certificate" on the connection.'
  );
}

function authFailure(err: SmtpErrorLike, detail: string): SmtpFailure {
  if (err.code === 'ENOAUTH' || err.responseCode === 530) {
    return {
      kind: 'auth',
      transient: false,
      message: `The server requires signing in (${detail}). Add the user name and password to the connection.`,
      reply: detail,
    };
  }
  if (err.responseCode !== undefined && err.responseCode < 500) {
    return { kind: 'auth', transient: true, message: `The server could not check the user name and password right now (${detail}).`, reply: detail };
  }
  return {
    kind: 'auth',
    transient: false,
    message:
      `The server rejected the user name or password (${detail}). Check both on the connection; Gmail and Microsoft 365 ` +
      'need an app password, and some providers need SMTP sign-in switched on for the account.',
    reply: detail,
  };
}
