import { normaliseHost, parseOutboundUrl } from './outbound-target.parser';

describe('parseOutboundUrl', () => {
  it.each([
    ['http://127.0.0.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://2130706433/', '127.0.0.1'],
    ['http://017700000001/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://127.000.000.001/', '127.0.0.1'],
    ['http://%31%32%37.0.0.1/', '127.0.0.1'],
    ['http://127.0.0.1./', '127.0.0.1'],
    ['http://0/', '0.0.0.0'],
    ['http://[::1]/', '::1'],
    ['http://[0:0:0:0:0:0:0:1]/', '::1'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
    ['http://[::ffff:7f00:1]/', '::ffff:7f00:1'],
    ['http://LOCALHOST/', 'localhost'],
    ['http://localhost./', 'localhost'],
    ['http://localhost../', 'localhost'],
    ['https://Example.COM./x', 'example.com'],
  ])('%s → %s', (raw, host) => {
    expect(parseOutboundUrl(raw).host).toBe(host);
  });

  it('marks IP literals and fills in default ports', () => {
    expect(parseOutboundUrl('http://[::1]/')).toMatchObject({ ip: '::1', port: 80 });
    expect(parseOutboundUrl('https://example.com/')).toMatchObject({ ip: undefined, port: 443 });
    expect(parseOutboundUrl('http://example.com:8080/')).toMatchObject({ port: 8080 });
  });

  it.each(['ftp://example.com/', 'file:///etc/passwd', 'gopher://127.0.0.1:6379/', 'javascript:alert(1)', 'not a url', 'http://'])(
    'refuses %s',
    (raw) => {
      expect(() => parseOutboundUrl(raw)).toThrow(expect.objectContaining({ code: 'EOUTBOUND_BAD_URL' }));
    },
  );
});

describe('normaliseHost', () => {
  it.each([
    ['[::FFFF:127.0.0.1]', '::ffff:7f00:1'],
    ['127.1', '127.0.0.1'],
    ['Internal.Example.', 'internal.example'],
    ['0:0::1', '::1'],
  ])('%s → %s', (raw, host) => {
    expect(normaliseHost(raw)).toBe(host);
  });
});
