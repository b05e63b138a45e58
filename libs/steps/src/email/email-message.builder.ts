import { StepError } from '@app/engine';
import { MailAddress, parseMailAddresses } from '../connections/smtp/mail-address.parser';

/** The message the email step sends, checked and ready for nodemailer. */
export interface EmailMessage {
  from: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  bcc: MailAddress[];
  replyTo: MailAddress[];
  subject: string;
  text?: string;
  html?: string;
}

/** Where From comes from when the step leaves it empty: the connection's default sender, then its user. */
export interface SenderDefaults {
  from?: string;
  user?: string;
}

const SHOWN_CHARS = 120;
const HOW_TO_WRITE = 'Write name@example.com or Ada Lovelace <ada@example.com>, and separate several with commas.';

/** Every problem found here is in the step's fields, so retrying cannot help: transient=false. */
const invalid = (message: string, field: string) => new StepError(message, false, { field });

export function buildEmailMessage(input: Record<string, unknown>, defaults: SenderDefaults): EmailMessage {
  const to = readAddresses(input, 'to', 'To');
  if (to.length === 0) throw invalid(`To is empty: the email has nobody to go to. ${HOW_TO_WRITE} If To is mapped, check that the mapping gives an address.`, 'to');
  const subject = readSubject(input.subject);
  const text = readBody(input.text);
  const html = readBody(input.html);
  if (text === undefined && html === undefined) throw invalid('The email has no content: fill in Text, HTML or both.', 'text');
  return {
    from: readFrom(input.from, defaults),
    to,
    cc: readAddresses(input, 'cc', 'Cc'),
    bcc: readAddresses(input, 'bcc', 'Bcc'),
    replyTo: readAddresses(input, 'replyTo', 'Reply to'),
    subject,
    text,
    html,
  };
}

function readAddresses(input: Record<string, unknown>, field: string, label: string): MailAddress[] {
  const { addresses, invalid: bad } = parseMailAddresses(input[field]);
  if (bad.length > 0) {
    const shown = bad.map((v) => `"${v.length > SHOWN_CHARS ? `${v.slice(0, SHOWN_CHARS)}…` : v}"`).join(', ');
    const verb = bad.length === 1 ? 'is not a valid email address' : 'are not valid email addresses';
    throw new StepError(`${label}: ${shown} ${verb}. ${HOW_TO_WRITE}`, false, { field, invalid: bad.slice(0, 10) });
  }
  return addresses;
}

function readFrom(value: unknown, defaults: SenderDefaults): MailAddress {
  const given = value !== undefined && value !== null && value !== '';
  if (!given && defaults.from === undefined) return senderFromUser(defaults.user);
  const addresses = readAddresses({ from: given ? value : defaults.from }, 'from', given ? 'From' : "The connection's default sender");
  if (addresses.length !== 1) throw invalid(`From must be exactly one address, not ${addresses.length}.`, 'from');
  return addresses[0];
}

/** The user name is a secret: it may become the sender, but is never echoed in an error. */
function senderFromUser(user: string | undefined): MailAddress {
  const { addresses } = parseMailAddresses(user);
  if (addresses.length === 1) return addresses[0];
  throw invalid(
    'No sender: From is empty, and the SMTP connection has neither a default sender nor a user name that is an email address. ' +
      'Fill in From on this step, or set a default sender on the connection.',
    'from',
  );
}

function readSubject(value: unknown): string {
  // Line breaks in a header would start a new header: fold them into spaces.
  const subject = toText(value)?.replace(/[\r\n]+/g, ' ').trim();
  if (!subject) throw invalid('Subject is empty. Give the email a subject line; if it is mapped, check that the mapping gives text.', 'subject');
  return subject;
}

function readBody(value: unknown): string | undefined {
  const text = toText(value);
  return text === undefined || text.trim() === '' ? undefined : text;
}

/** Objects as readable JSON rather than "[object Object]", which is never what anyone meant to send. */
function toText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'object' ? JSON.stringify(value, null, 2) : String(value);
}
