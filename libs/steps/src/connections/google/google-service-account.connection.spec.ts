import { z } from 'zod';
import type { ResolvedConnection } from '@app/engine';
import { OutboundHttpClient } from '@app/security';
import { SheetsEmulator } from '../../../../../test/support/sheets-emulator/sheets-emulator';
import { createTestServiceAccount } from '../../../../../test/support/sheets-emulator/test-service-account.factory';
import { GoogleServiceAccountConnectionType, openGoogleAccount } from './google-service-account.connection';
import { GoogleTokenSource } from './google-token.source';

describe('GoogleServiceAccountConnectionType', () => {
  const emulator = new SheetsEmulator();
  const account = createTestServiceAccount();
  const client = new OutboundHttpClient({ allowPrivate: true, allowHosts: [] });
  let type: GoogleServiceAccountConnectionType;
  const connection = (key: string, config: Record<string, unknown> = {}): ResolvedConnection => ({
    id: 'c1',
    type: 'google-service-account',
    name: 'Sheets bot',
    config,
    secrets: { key },
  });

  beforeAll(async () => {
    await emulator.start();
    emulator.addServiceAccount(account);
    type = new GoogleServiceAccountConnectionType(new GoogleTokenSource(client, { tokenUrl: emulator.tokenUrl }));
  });

  afterAll(async () => {
    await client.close();
    await emulator.stop();
  });

  describe('schemas', () => {
    it('accepts a service-account key and keeps its text', () => {
      expect(type.secrets.parse({ key: account.keyJson })).toEqual({ key: account.keyJson });
    });

    it('explains a bad key at creation', () => {
      const result = type.secrets.safeParse({ key: '{"type":"authorized_user"}' });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ path: ['key'], message: expect.stringMatching(/not a service-account key/) });
    });

    it('takes an optional subject email in config', () => {
      expect(type.config.parse({})).toEqual({});
      expect(type.config.parse({ subject: 'ada@example.com' })).toEqual({ subject: 'ada@example.com' });
      expect(type.config.safeParse({ subject: 'ada' }).success).toBe(false);
    });

    it('can be described as JSON Schema for the UI', () => {
      expect(z.toJSONSchema(type.secrets)).toMatchObject({ properties: { key: { type: 'string' } }, required: ['key'] });
      expect(z.toJSONSchema(type.config)).toMatchObject({ properties: { subject: { type: 'string' } } });
    });
  });

  describe('test()', () => {
    it('passes when Google issues a token, and names the address to share with', async () => {
      const result = await type.test(connection(account.keyJson));
      expect(result).toEqual({ ok: true, detail: expect.stringContaining(`Share each spreadsheet with ${account.clientEmail}`) });
    });

    it('always asks Google, even with a cached token', async () => {
      const before = emulator.count('token');
      await type.test(connection(account.keyJson));
      await type.test(connection(account.keyJson));
      expect(emulator.count('token') - before).toBe(2);
    });

    it('fails with Google’s reason for a key it refuses', async () => {
      const stale = createTestServiceAccount(account.clientEmail);
      const result = await type.test(connection(stale.keyJson));
      expect(result).toEqual({ ok: false, message: expect.stringMatching(/^Google refused the key for .*: invalid_grant: Invalid JWT Signature/) });
    });

    it('fails with the parser’s words for a broken key', async () => {
      expect(await type.test(connection('{'))).toEqual({ ok: false, message: expect.stringMatching(/not valid JSON/) });
    });

    it('says when the token endpoint cannot be reached', async () => {
      const offline = new GoogleServiceAccountConnectionType(new GoogleTokenSource(client, { tokenUrl: 'http://127.0.0.1:9/token' }));
      expect(await offline.test(connection(account.keyJson))).toEqual({ ok: false, message: expect.stringMatching(/^Could not reach the token endpoint/) });
    });

    it('explains that delegation to a user is not authorised', async () => {
      const result = await type.test(connection(account.keyJson, { subject: 'ada@example.com' }));
      expect(result).toEqual({ ok: false, message: expect.stringMatching(/unauthorized_client.*domain-wide delegation/) });
    });
  });

  it('opens a connection into key and subject', () => {
    const opened = openGoogleAccount(connection(account.keyJson, { subject: 'ada@example.com' }));
    expect(opened).toMatchObject({ key: { clientEmail: account.clientEmail }, subject: 'ada@example.com' });
    expect(() => openGoogleAccount({ ...connection(account.keyJson), type: 'smtp' })).toThrow(/is a smtp connection/);
  });
});
