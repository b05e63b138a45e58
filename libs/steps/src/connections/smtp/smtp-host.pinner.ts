import type { OutboundHostGuard } from '@app/security';
import type { SmtpSettings } from './smtp-settings.reader';

/** Settings whose socket goes to the address the outbound guard allowed; rejects when the host is forbidden. */
export async function pinSmtpHost(settings: SmtpSettings, guard: OutboundHostGuard | undefined): Promise<SmtpSettings> {
  if (!guard) return settings;
  const connectAddress = await guard.pin(settings.config.host, settings.config.port);
  return { ...settings, connectAddress };
}
