import { redactSecrets } from './secret-text.redactor';

describe('redactSecrets', () => {
  const auth = { user: 'ada@example.com', pass: 's3cret-pass' };
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  it('masks the values and the base64 forms AUTH PLAIN and LOGIN send', () => {
    const echoed = `535 bad ${auth.user}/${auth.pass} ${b64(`\0${auth.user}\0${auth.pass}`)} ${b64(auth.pass)}`;
    expect(redactSecrets(echoed, auth)).toBe('535 bad ***/*** *** ***');
  });

  it('leaves text alone without secrets, and does not blank out tiny values', () => {
    expect(redactSecrets('250 ok', undefined)).toBe('250 ok');
    expect(redactSecrets('250 ok', { user: 'ok', pass: '2' })).toBe('250 ok');
  });
});
