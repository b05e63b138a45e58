import { z } from 'zod';
import { parseMailAddresses } from './mail-address.parser';

/** An empty form field means "not set", not "set to nothing". */
const optionalText = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().trim().min(1).optional());

// Titles are the names failure messages use ("turn Secure on"); forms can read them with z.toJSONSchema.
export const SMTP_CONFIG_SCHEMA = z.object({
  host: z
    .string()
    .trim()
    .min(1, 'the mail server host name is required, e.g. smtp.example.com')
    .meta({ title: 'Host', description: 'The mail server, e.g. smtp.gmail.com or smtp.office365.com.' }),
  port: z
    .number()
    .int()
    .min(1)
    .max(65535)
    .default(587)
    .meta({ title: 'Port', description: '587 (with Secure off) on most services; 465 with Secure on; 25 between servers.' }),
  secure: z
    .boolean()
    .default(false)
    .meta({ title: 'Secure', description: 'On: TLS from the first byte (port 465). Off: the connection switches to TLS with STARTTLS when the server offers it.' }),
  from: optionalText
    .refine((from) => from === undefined || isSingleAddress(from), 'the default sender must be one email address, e.g. "Acme <noreply@acme.com>"')
    .meta({ title: 'Default sender', description: 'Used when an email step leaves From empty, e.g. Acme <noreply@acme.com>.' }),
  requireTls: z
    .boolean()
    .optional()
    .meta({ title: 'Require TLS', description: 'Refuse to send when the server does not offer STARTTLS, so passwords and mail never travel unencrypted.' }),
  rejectUnauthorized: z
    .boolean()
    .default(true)
    .meta({ title: 'Check certificate', description: "Turn off only for your own server with a self-signed certificate." }),
});

export const SMTP_SECRETS_SCHEMA = z
  .object({
    user: optionalText.meta({ title: 'User name', description: 'Often your full email address; empty for servers that need no sign-in.' }),
    pass: optionalText.meta({ title: 'Password', description: 'For Gmail and Microsoft 365, an app password.' }),
  })
  .refine((s) => (s.user === undefined) === (s.pass === undefined), {
    message: 'give both the user name and the password, or neither (for servers that need no sign-in)',
  });

export type SmtpConfig = z.infer<typeof SMTP_CONFIG_SCHEMA>;
export type SmtpSecrets = z.infer<typeof SMTP_SECRETS_SCHEMA>;

function isSingleAddress(text: string): boolean {
  const { addresses, invalid } = parseMailAddresses(text);
  return addresses.length === 1 && invalid.length === 0;
}
