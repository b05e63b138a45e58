import type { SmtpSettings } from './smtp-settings.reader';
import { SmtpTransportPool } from './smtp-transport.pool';

const settings = (pass: string, port = 587): SmtpSettings => ({
  config: { host: 'mail.example.com', port, secure: false, rejectUnauthorized: true },
  auth: { user: 'ada@example.com', pass },
  server: `mail.example.com:${port}`,
});

// Creating a transport opens nothing: sessions start with the first message, so no server is needed here.
describe('SmtpTransportPool', () => {
  const pool = new SmtpTransportPool();
  afterAll(() => pool.close());

  it('reuses the transport of a connection while its settings stay the same', () => {
    expect(pool.get('c1', settings('p1'))).toBe(pool.get('c1', settings('p1')));
    expect(pool.get('c2', settings('p1'))).not.toBe(pool.get('c1', settings('p1')));
  });

  it('replaces and closes it when the password or config changes', () => {
    const first = pool.get('c3', settings('p1'));
    const close = jest.spyOn(first, 'close');
    const second = pool.get('c3', settings('p2'));
    expect(second).not.toBe(first);
    expect(close).toHaveBeenCalled();
    expect(pool.get('c3', settings('p2', 465))).not.toBe(second);
  });

  it('fills in the default timeouts', () => {
    expect(new SmtpTransportPool({ timeouts: { greetingMs: 5 } }).timeouts).toEqual({ connectionMs: 10_000, greetingMs: 5, socketMs: 60_000 });
  });
});
