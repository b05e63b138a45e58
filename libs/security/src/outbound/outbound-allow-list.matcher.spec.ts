import { OutboundAllowList } from './outbound-allow-list.matcher';

describe('OutboundAllowList', () => {
  const list = new OutboundAllowList(['Internal.Example', 'hooks.local:8443', '[::1]:9000', 'fd00::5', '127.1', ' ']);

  it.each([
    ['internal.example', 80, true],
    ['INTERNAL.EXAMPLE.', 1234, true],
    ['a.internal.example', 80, false],
    ['internal.example.com', 80, false],
    ['hooks.local', 8443, true],
    ['hooks.local', 443, false],
    ['::1', 9000, true],
    ['[::1]', 9000, true],
    ['::1', 9001, false],
    ['fd00:0::5', 1, true],
    ['127.0.0.1', 3000, true],
    ['127.0.0.2', 3000, false],
  ])('%s:%d → %s', (host, port, expected) => {
    expect(list.allows(host, port)).toBe(expected);
  });

  it('allows nothing when empty', () => {
    expect(new OutboundAllowList([]).allows('localhost', 80)).toBe(false);
  });
});
