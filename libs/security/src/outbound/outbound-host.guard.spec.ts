import { OutboundForbiddenError } from './outbound-forbidden.error';
import { OutboundHostGuard } from './outbound-host.guard';

const dns = (map: Record<string, string>) => async (host: string) => (map[host] ? [{ address: map[host], family: 4 }] : []);

describe('OutboundHostGuard (connectors with their own sockets, e.g. SMTP)', () => {
  const guard = new OutboundHostGuard({ allowPrivate: false, allowHosts: ['relay.internal:25'] }, dns({ 'smtp.example.com': '93.184.216.34', 'evil.example.com': '10.0.0.5', 'relay.internal': '10.1.1.1' }));

  it('pins a public host to the address it resolved', async () => {
    await expect(guard.pin('smtp.example.com', 587)).resolves.toBe('93.184.216.34');
  });

  it.each([
    ['127.0.0.1', 25],
    ['localhost', 25],
    ['evil.example.com', 587],
    ['169.254.169.254', 25],
    ['[::1]', 25],
  ])('refuses %s before any socket is opened', async (host, port) => {
    await expect(guard.pin(host, port)).rejects.toBeInstanceOf(OutboundForbiddenError);
    await expect(guard.pin(host, port)).rejects.toThrow(/OUTBOUND_ALLOW_HOSTS/);
  });

  it('lets allowed hosts and the allow-private policy through', async () => {
    await expect(guard.pin('relay.internal', 25)).resolves.toBe('relay.internal');
    await expect(guard.pin('relay.internal', 587)).rejects.toBeInstanceOf(OutboundForbiddenError);
    await expect(new OutboundHostGuard({ allowPrivate: true, allowHosts: [] }).pin('127.0.0.1', 25)).resolves.toBe('127.0.0.1');
  });
});
