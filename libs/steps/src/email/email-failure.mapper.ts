import { StepError } from '@app/engine';
import { describeSmtpFailure, SmtpErrorLike, SmtpFailure } from '../connections/smtp/smtp-failure.describer';
import { redactSecrets } from '../connections/smtp/secret-text.redactor';
import { shortReply, smtpReplyPhrase } from '../connections/smtp/smtp-reply.phrases';
import type { SmtpSettings } from '../connections/smtp/smtp-settings.reader';
import type { SmtpTimeouts } from '../connections/smtp/smtp-transport.options';

/** nodemailer's error when the envelope failed, with the per-recipient replies. */
interface EnvelopeErrorLike extends SmtpErrorLike {
  rejected?: string[];
  rejectedErrors?: Array<SmtpErrorLike & { recipient?: string }>;
}

/**
 * A failed send as a StepError. Transient (retried by the policy): network trouble, timeouts and 4xx
 * replies such as 421/450/451/452 (greylisting, full queues). Final: 5xx replies, TLS and sign-in
 * problems. When every recipient was refused, nodemailer reports a deferral (4xx) over a refusal if
 * there is one, so greylisted recipients are retried rather than dropped.
 */
export function emailSendFailure(raw: unknown, settings: SmtpSettings, timeouts: SmtpTimeouts, from: string): StepError {
  const err = (typeof raw === 'object' && raw !== null ? raw : {}) as EnvelopeErrorLike;
  const failure = describeSmtpFailure(raw, settings, timeouts);
  const clean = (text?: string) => (text === undefined ? undefined : redactSecrets(text, settings.auth));
  const rejected = err.rejectedErrors?.map((e) => ({ recipient: e.recipient, reply: clean(shortReply(e.response)) }));
  const message = clean(envelopeMessage(err, failure, rejected, from)) ?? failure.message;
  const details = {
    server: settings.server,
    code: err.code,
    responseCode: err.responseCode,
    command: err.command,
    reply: failure.reply,
    ...(rejected?.length ? { rejected } : {}),
  };
  return new StepError(`${message} ${failure.transient ? 'It will be retried.' : 'This is not retried.'}`, failure.transient, details);
}

function envelopeMessage(
  err: EnvelopeErrorLike,
  failure: SmtpFailure,
  rejected: Array<{ recipient?: string; reply?: string }> | undefined,
  from: string,
): string | undefined {
  if (failure.kind !== 'reply') return undefined;
  const reply = `${failure.reply}${phraseOf(err.responseCode)}`;
  if (err.command === 'RCPT TO' && rejected?.length) {
    const list = rejected.map((r) => `${r.recipient} (${r.reply ?? 'refused'})`).join(', ');
    return `The mail server refused every recipient: ${list}. Check the addresses.`;
  }
  if (err.command === 'MAIL FROM') return `The mail server refused the sender ${from} (${reply}). Use a From address your mail account may send as.`;
  if (err.command === 'DATA') return `The mail server refused the message (${reply}).`;
  return undefined;
}

function phraseOf(code: number | undefined): string {
  const phrase = smtpReplyPhrase(code);
  return phrase ? `: ${phrase}` : '';
}
