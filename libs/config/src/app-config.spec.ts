import { loadConfig } from './app-config';

describe('loadConfig', () => {
  it('runs embedded with defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.redisUrl).toBeUndefined();
    expect(c.maxPayloadBytes).toBe(1048576);
    expect(c.outbound).toEqual({ allowPrivate: false, allowHosts: [] });
  });

  it('reads scale-out settings', () => {
    const c = loadConfig({
      PORT: '8080',
      PUBLIC_URL: 'https://hooks.example.com/',
      DATABASE_URL: 'postgres://u@db/hookflow',
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      REDIS_URL: 'redis://cache:6379',
      OUTBOUND_ALLOW_HOSTS: 'Intranet.local, api.internal',
    });
    expect(c.publicUrl).toBe('https://hooks.example.com');
    expect(c.databaseUrl).toBe('postgres://u@db/hookflow');
    expect(c.outbound.allowHosts).toEqual(['intranet.local', 'api.internal']);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a URL starting with postgres:/],
    [{ OUTBOUND_ALLOW_PRIVATE: 'maybe' }, /OUTBOUND_ALLOW_PRIVATE/],
    [{ API_KEY: 'short' }, /API_KEY must be at least 16 characters/],
    [{ ENCRYPTION_KEY: 'c2hvcnQ=' }, /ENCRYPTION_KEY must be 32 bytes/],
    [{ DATABASE_URL: 'postgres://db/x' }, /ENCRYPTION_KEY is required with DATABASE_URL/],
  ])('stops start-up with a one-line reason for %p', (env, reason) => {
    expect(() => loadConfig(env)).toThrow(reason);
  });
});
