/** What common SMTP reply codes mean, in words a non-specialist can act on (RFC 5321 §4.2.3). */
const PHRASES: Record<number, string> = {
  421: 'the server is not available right now and closed the connection',
  450: 'the mailbox is busy or temporarily unavailable',
  451: 'the server had a temporary problem',
  452: 'the server is temporarily out of space or took too many recipients',
  454: 'the server could not check the sign-in right now',
  500: 'the server did not understand a command',
  503: 'the server expected the commands in another order',
  530: 'the server requires signing in first',
  534: 'the server wants a stronger sign-in method',
  535: 'the server rejected the user name or password',
  550: 'the mailbox is unavailable (it may not exist, or the server refused it)',
  551: 'the recipient is not handled by this server',
  552: 'the message is too big or the mailbox is full',
  553: 'the address is not allowed (often a sender your account may not use)',
  554: 'the server refused the message (often a spam or policy rule)',
  555: 'the server did not accept the address parameters',
};

export function smtpReplyPhrase(code: number | undefined): string | undefined {
  return code === undefined ? undefined : PHRASES[code];
}

/** One line of the server's reply, shortened: multi-line replies and long policy texts are common. */
export function shortReply(reply: string | undefined, max = 200): string | undefined {
  if (!reply) return undefined;
  const line = reply.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
