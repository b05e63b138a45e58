import { forbiddenAddressReason, isForbiddenAddress } from './forbidden-address.checker';

describe('isForbiddenAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'cloud metadata'],
    ['169.254.1.1', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.100.100.200', 'cloud metadata'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'private (unique-local)'],
    ['fd12:3456::1', 'private (unique-local)'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped IPv6 of a private IPv4'],
    ['::ffff:7f00:1', 'IPv4-mapped IPv6 of a private IPv4'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped IPv6 of a private IPv4'],
    ['::ffff:0:7f00:1', 'IPv4-translated IPv6 of a private IPv4'],
    ['64:ff9b::a00:1', 'NAT64 IPv6 of a private IPv4'],
    ['2002:7f00:1::1', '6to4 IPv6 of a private IPv4'],
    ['2002:c0a8:101::1', '6to4 IPv6 of a private IPv4'],
    // Teredo: client 10.0.0.1 is stored inverted (f5ff:fffe).
    ['2001:0:4136:e378:8000:63bf:f5ff:fffe', 'Teredo IPv6 of a private IPv4'],
    ['::7f00:1', 'non-global IPv6'],
    ['2001:db8::1', 'reserved'],
    ['[::1]', 'loopback'],
    ['not-an-ip', 'unparseable'],
    ['', 'unparseable'],
  ])('refuses %s (%s)', (ip, reason) => {
    expect(forbiddenAddressReason(ip)).toBe(reason);
    expect(isForbiddenAddress(ip)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8', '2002:808:808::1', '64:ff9b::808:808'])(
    'allows public %s',
    (ip) => {
      expect(isForbiddenAddress(ip)).toBe(false);
    },
  );

  it('reads odd IPv4 spellings the way the socket layer would', () => {
    // ipaddr.js accepts the classful forms too; whatever it parses must be judged by value.
    expect(isForbiddenAddress('0x7f.1')).toBe(true);
    expect(isForbiddenAddress('2130706433')).toBe(true);
  });
});
