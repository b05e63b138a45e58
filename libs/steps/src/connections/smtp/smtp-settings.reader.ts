import type { ResolvedConnection } from '@app/engine';
import type { ZodError } from 'zod';
import { SMTP_CONFIG_SCHEMA, SMTP_SECRETS_SCHEMA, SmtpConfig } from './smtp-connection.schema';

/** A stored smtp connection, validated and with its defaults applied. */
export interface SmtpSettings {
  config: SmtpConfig;
  auth?: { user: string; pass: string };
  /** "host:port", the words every message uses to name the server. */
  server: string;
  /** The address the outbound guard resolved and allowed; the socket goes there, TLS still checks the host. */
  connectAddress?: string;
}

export type SmtpSettingsResult = { ok: true; settings: SmtpSettings } | { ok: false; problem: string };

/**
 * Re-validates on every use: stored rows may predate a schema change. Problems name the setting but
 * never echo a secret's value.
 */
export function readSmtpSettings(connection: ResolvedConnection): SmtpSettingsResult {
  const config = SMTP_CONFIG_SCHEMA.safeParse(connection.config ?? {});
  if (!config.success) return { ok: false, problem: describeIssues(config.error) };
  const secrets = SMTP_SECRETS_SCHEMA.safeParse(connection.secrets ?? {});
  if (!secrets.success) return { ok: false, problem: describeIssues(secrets.error) };
  const { user, pass } = secrets.data;
  const auth = user !== undefined && pass !== undefined ? { user, pass } : undefined;
  return { ok: true, settings: { config: config.data, auth, server: `${config.data.host}:${config.data.port}` } };
}

function describeIssues(error: ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}
