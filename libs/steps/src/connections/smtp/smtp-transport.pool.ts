import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { SmtpSettings } from './smtp-settings.reader';
import { DEFAULT_SMTP_TIMEOUTS, SmtpTimeouts, smtpTransportOptions } from './smtp-transport.options';

export type SmtpTransporter = ReturnType<typeof createPooledTransport>;

export interface SmtpTransportPoolOptions {
  timeouts?: Partial<SmtpTimeouts>;
  /** Parallel SMTP sessions per connection. Default 5: enough for bursts, polite to shared servers. */
  maxConnections?: number;
  /** Close a session that has been idle this long. Default 60 s, under the 5 min servers wait. */
  idleTimeoutMs?: number;
}

interface Entry {
  fingerprint: string;
  transporter: SmtpTransporter;
}

/**
 * One pooled nodemailer transport per connection, reused across messages and runs: opening an SMTP
 * session (TCP, EHLO, STARTTLS, AUTH) costs several round trips, and many servers rate-limit logins.
 * Keyed by connection id; a changed config or password (same id) replaces the transport.
 */
export class SmtpTransportPool {
  readonly timeouts: SmtpTimeouts;
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: SmtpTransportPoolOptions = {}) {
    this.timeouts = { ...DEFAULT_SMTP_TIMEOUTS, ...options.timeouts };
  }

  get(connectionId: string, settings: SmtpSettings): SmtpTransporter {
    const fingerprint = fingerprintOf(settings);
    const current = this.entries.get(connectionId);
    if (current?.fingerprint === fingerprint) return current.transporter;
    // Graceful: messages already on the wire finish; the old sessions then close.
    current?.transporter.close();
    const transporter = createPooledTransport(settings, this.timeouts, this.options);
    this.entries.set(connectionId, { fingerprint, transporter });
    return transporter;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Closes every session; call on shutdown. */
  close(): void {
    for (const { transporter } of this.entries.values()) transporter.close();
    this.entries.clear();
  }
}

function createPooledTransport(settings: SmtpSettings, timeouts: SmtpTimeouts, options: SmtpTransportPoolOptions) {
  return nodemailer.createTransport({
    ...smtpTransportOptions(settings, timeouts),
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    idleTimeout: options.idleTimeoutMs ?? 60_000,
    // A session the server dropped between messages gets one fresh try; beyond that the run's retry
    // policy (with its back-off and attempt record) decides, not a hidden loop in here.
    maxRequeues: 1,
  });
}

/** A hash, so neither the password nor the config is kept as a map key. */
function fingerprintOf(settings: SmtpSettings): string {
  return createHash('sha256').update(JSON.stringify([settings.config, settings.auth ?? null])).digest('hex');
}
