import { StepError } from '@app/engine';
import type { FieldDeclaration, ResolvedConnection, StepConnectionRule, StepContext, StepExecutor } from '@app/engine';
import type { MailAddress } from '../connections/smtp/mail-address.parser';
import { readSmtpSettings, SmtpSettings } from '../connections/smtp/smtp-settings.reader';
import { pinSmtpHost } from '../connections/smtp/smtp-host.pinner';
import { SmtpTransportPool } from '../connections/smtp/smtp-transport.pool';
import { OutboundForbiddenError, type OutboundHostGuard } from '@app/security';
import { emailSendFailure } from './email-failure.mapper';
import { buildEmailMessage } from './email-message.builder';
import { EMAIL_FIELDS } from './email.fields';

/** What later steps read as steps.<key>: the server's message id and who it took. */
export interface EmailStepOutput {
  messageId: string;
  accepted: string[];
  /** Recipients the server refused while accepting others; the step still succeeds. */
  rejected: string[];
}

/**
 * The `email` action (SPEC §5): sends one message through the step's SMTP connection. Sessions are
 * pooled per connection and reused across runs; call close() on shutdown.
 */
export class EmailStep implements StepExecutor<EmailStepOutput> {
  readonly type = 'email';
  readonly fields: FieldDeclaration[] = EMAIL_FIELDS;
  readonly connection: StepConnectionRule = { types: ['smtp'], required: true };

  /** `guard` applies the outbound address policy to the mail server (absent only in unit tests). */
  constructor(
    private readonly transports: SmtpTransportPool = new SmtpTransportPool(),
    private readonly guard?: OutboundHostGuard,
  ) {}

  async execute(input: Record<string, unknown>, ctx: StepContext): Promise<EmailStepOutput> {
    const settings = await pinSmtpHost(requireSettings(ctx.connection), this.guard).catch((e: unknown) => {
      throw e instanceof OutboundForbiddenError ? new StepError(`The mail server ${e.message}`, false) : e;
    });
    const message = buildEmailMessage(input, { from: settings.config.from, user: settings.auth?.user });
    const transporter = this.transports.get(ctx.connection!.id, settings);
    try {
      const info = await transporter.sendMail({ ...message, signal: ctx.signal });
      return { messageId: info.messageId, accepted: addressesOf(info.accepted), rejected: addressesOf(info.rejected) };
    } catch (err) {
      throw emailSendFailure(err, settings, this.transports.timeouts, message.from.address);
    }
  }

  close(): void {
    this.transports.close();
  }
}

function requireSettings(connection: ResolvedConnection | undefined): SmtpSettings {
  if (!connection) throw new StepError('This step needs an SMTP connection to send through: choose one under Connection.', false);
  if (connection.type !== 'smtp') {
    throw new StepError(`The connection "${connection.name}" is a ${connection.type} connection; the email step needs an smtp one.`, false);
  }
  const read = readSmtpSettings(connection);
  if (!read.ok) throw new StepError(`The SMTP connection "${connection.name}" has invalid settings: ${read.problem}. Fix them under Connections.`, false);
  return read.settings;
}

/** nodemailer reports recipients as strings or as address objects depending on the path taken. */
function addressesOf(list: Array<string | MailAddress> | undefined): string[] {
  return (list ?? []).map((a) => (typeof a === 'string' ? a : a.address));
}
