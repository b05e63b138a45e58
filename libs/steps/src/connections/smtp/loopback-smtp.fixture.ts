import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerAddress } from 'smtp-server';

/** Test-only. A message as the server received it: the SMTP envelope and the raw RFC 5322 text. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export const LOOPBACK_USER = 'mailer@hookflow.test';
export const LOOPBACK_PASS = 'open-sesame-42';

/** The local part of an address picks the server's reply, so tests read like the case they cover. */
const RCPT_REPLIES: Record<string, [number, string]> = {
  gone: [550, '5.1.1 mailbox unavailable'],
  later: [451, '4.7.1 greylisted, try again later'],
  full: [452, '4.2.2 mailbox full'],
};
const SENDER_REPLIES: Record<string, [number, string]> = { blocked: [553, '5.7.1 sender address not owned by user'] };

/**
 * A real SMTP server on 127.0.0.1 (smtp-server), for tests only. It requires AUTH with a fixed user and
 * password, and offers STARTTLS with smtp-server's built-in self-signed (and by now expired)
 * certificate: clients that check certificates fail, so tests connect with rejectUnauthorized false,
 * and one test proves the check is on by default. A failed login echoes the password it received,
 * like a careless server might, to prove hookflow masks it.
 */
export class LoopbackSmtpServer {
  readonly received: ReceivedMail[] = [];
  logins = 0;
  port = 0;
  private readonly server: SMTPServer;

  /** starttls false: the server does not offer STARTTLS (and then allows AUTH in clear, as old relays do). */
  constructor(options: { starttls?: boolean } = {}) {
    const starttls = options.starttls ?? true;
    this.server = new SMTPServer({
      authOptional: false,
      disabledCommands: starttls ? [] : ['STARTTLS'],
      allowInsecureAuth: !starttls,
      logger: false,
      onAuth: (auth, _session, callback) => {
        if (auth.username === LOOPBACK_USER && auth.password === LOOPBACK_PASS) {
          this.logins++;
          return callback(null, { user: auth.username });
        }
        callback(replyError(535, `5.7.8 authentication failed for ${auth.username}/${auth.password}`));
      },
      onMailFrom: (address, _session, callback) => callback(ruleFor(address, SENDER_REPLIES)),
      onRcptTo: (address, _session, callback) => callback(ruleFor(address, RCPT_REPLIES)),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const envelope = session.envelope;
          this.received.push({
            from: envelope.mailFrom ? envelope.mailFrom.address : '',
            to: envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback(null);
        });
      },
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  last(): ReceivedMail {
    return this.received[this.received.length - 1];
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A port that accepts TCP and then says nothing: what a TLS-only port looks like to a plain client. */
export async function startSilentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Header name (lower-case) → unfolded value, from the top of a raw message. */
export function rawHeaders(raw: string): Record<string, string> {
  const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  return Object.fromEntries(head.split(/\r?\n/).map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
}

/** The raw text with quoted-printable soft line breaks and escapes undone: enough to search bodies. */
export function decodedBody(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The decoded body of the first MIME part of the given type (text/plain, text/html), or undefined. */
export function rawPart(raw: string, contentType: string): string | undefined {
  for (const part of raw.split(/\r?\n--[^\r\n]+\r?\n/)) {
    if (rawHeaders(part)['content-type']?.startsWith(contentType)) return decodedBody(part.slice(part.search(/\r?\n\r?\n/)).trim());
  }
  return undefined;
}

function ruleFor(address: SMTPServerAddress, rules: Record<string, [number, string]>): Error | null | undefined {
  const rule = Object.entries(rules).find(([prefix]) => address.address.startsWith(prefix));
  return rule ? replyError(rule[1][0], rule[1][1]) : undefined;
}

function replyError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}
