import { rejectionOf } from '@app/testing';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutboundHttpClient } from '@app/security';
import { SheetsEmulator } from '../../../../../test/support/sheets-emulator/sheets-emulator';
import { createTestServiceAccount } from '../../../../../test/support/sheets-emulator/test-service-account.factory';
import { GoogleTokenError } from './google-token.error';
import { GoogleTokenSource } from './google-token.source';
import { parseServiceAccountKey } from './service-account-key.parser';


describe('GoogleTokenSource', () => {
  const emulator = new SheetsEmulator();
  const account = createTestServiceAccount();
  const key = parseServiceAccountKey(account.keyJson);
  const client = new OutboundHttpClient({ allowPrivate: true, allowHosts: [] });

  beforeAll(async () => {
    await emulator.start();
    emulator.addServiceAccount(account);
  });

  afterAll(async () => {
    await client.close();
    await emulator.stop();
  });

  it('obtains a token from the configured token URL and caches it per key', async () => {
    const source = new GoogleTokenSource(client, { tokenUrl: emulator.tokenUrl });
    const before = emulator.count('token');
    const [a, b] = await Promise.all([source.getToken(key), source.getToken(key)]);
    expect(a).toMatch(/^ya29\.emulator-/);
    expect(b).toBe(a);
    expect(await source.getToken(key)).toBe(a);
    expect(emulator.count('token') - before).toBe(1);
  });

  it('renews shortly before expiry, and at once when asked for a fresh token', async () => {
    let clock = Date.now();
    const source = new GoogleTokenSource(client, { tokenUrl: emulator.tokenUrl, now: () => clock, refreshMarginMs: 5 * 60_000 });
    const first = await source.getToken(key);
    clock += 54 * 60_000;
    expect(await source.getToken(key)).toBe(first);
    clock += 2 * 60_000;
    const renewed = await source.getToken(key);
    expect(renewed).not.toBe(first);
    const fresh = await source.getToken(key, { fresh: true });
    expect(fresh).not.toBe(renewed);
    source.forget(key);
    expect(await source.getToken(key)).not.toBe(fresh);
  });

  it('keeps tokens of different keys apart', async () => {
    const other = createTestServiceAccount('other@hookflow-test.iam.gserviceaccount.com');
    emulator.addServiceAccount(other);
    const source = new GoogleTokenSource(client, { tokenUrl: emulator.tokenUrl });
    const mine = await source.getToken(key);
    expect(await source.getToken(parseServiceAccountKey(other.keyJson))).not.toBe(mine);
  });

  it('says in plain words that Google refused a key it cannot verify', async () => {
    const impostor = parseServiceAccountKey(createTestServiceAccount(account.clientEmail).keyJson);
    const source = new GoogleTokenSource(client, { tokenUrl: emulator.tokenUrl });
    const err = await rejectionOf(source.getToken(impostor), GoogleTokenError);
    expect(err).toMatchObject({ reason: 'refused', transient: false, details: { status: 400, error: 'invalid_grant' } });
    expect(err.message).toMatch(/^Google refused the key for hookflow-test@.*: invalid_grant: Invalid JWT Signature\. The key was probably deleted/);
  });

  it('names an unknown service account', async () => {
    const unknown = parseServiceAccountKey(createTestServiceAccount('gone@hookflow-test.iam.gserviceaccount.com').keyJson);
    const err = await rejectionOf(new GoogleTokenSource(client, { tokenUrl: emulator.tokenUrl }).getToken(unknown), GoogleTokenError);
    expect(err.message).toMatch(/account not found\. The service account gone@.* no longer exists/);
  });

  it('reports an unreachable token endpoint as transient', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const err = await rejectionOf(new GoogleTokenSource(client, { tokenUrl: `http://127.0.0.1:${port}/token` }).getToken(key), GoogleTokenError);
    expect(err).toMatchObject({ reason: 'unreachable', transient: true });
    expect(err.message).toMatch(/^Could not reach the token endpoint http:\/\/127\.0\.0\.1:\d+\/token \(ECONNREFUSED/);
  });

  it('treats a 5xx from the token endpoint as transient', async () => {
    const broken = http.createServer((_req, res) => res.writeHead(503).end());
    await new Promise<void>((r) => broken.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(broken.address() as AddressInfo).port}/token`;
    const err = await rejectionOf(new GoogleTokenSource(client, { tokenUrl: url }).getToken(key), GoogleTokenError);
    broken.closeAllConnections();
    await new Promise((r) => broken.close(r));
    expect(err).toMatchObject({ reason: 'unavailable', transient: true, details: { status: 503 } });
  });

  it('goes through the outbound guard', async () => {
    const guarded = new OutboundHttpClient({ allowPrivate: false, allowHosts: [] });
    const err = await rejectionOf(new GoogleTokenSource(guarded, { tokenUrl: emulator.tokenUrl }).getToken(key), GoogleTokenError);
    await guarded.close();
    expect(err).toMatchObject({ reason: 'forbidden', transient: false });
    expect(err.message).toMatch(/^Refused to call the token endpoint .*OUTBOUND_ALLOW_HOSTS/);
  });
});
