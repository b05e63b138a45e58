/** Shorter values would blank out ordinary words; real user names and passwords are longer. */
const MIN_SECRET_LENGTH = 3;
const MASK = '***';

/**
 * Removes secrets from text that came from elsewhere (a server reply, a library message) before it is
 * stored or shown: the values themselves and the base64 forms AUTH PLAIN and AUTH LOGIN send, since
 * a misbehaving server may echo what it received.
 */
export function redactSecrets(text: string, auth?: { user: string; pass: string }): string {
  if (!auth) return text;
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  const variants = [b64(`\0${auth.user}\0${auth.pass}`), b64(auth.pass), b64(auth.user), auth.pass, auth.user]
    .filter((v) => v.length >= MIN_SECRET_LENGTH)
    // Longest first, so a secret that contains another is masked whole.
    .sort((a, b) => b.length - a.length);
  return variants.reduce((out, secret) => out.split(secret).join(MASK), text);
}
