import { createTestServiceAccount } from '../../../../../test/support/sheets-emulator/test-service-account.factory';
import { parseServiceAccountKey } from './service-account-key.parser';

describe('parseServiceAccountKey', () => {
  const account = createTestServiceAccount('reader@example.iam.gserviceaccount.com');
  const json = JSON.parse(account.keyJson) as Record<string, unknown>;
  const variant = (changes: Record<string, unknown>) => JSON.stringify({ ...json, ...changes });

  it('reads a downloaded key', () => {
    expect(parseServiceAccountKey(account.keyJson)).toMatchObject({
      clientEmail: 'reader@example.iam.gserviceaccount.com',
      privateKeyId: 'test-key-1',
      projectId: 'hookflow-test',
      privateKey: expect.stringContaining('-----BEGIN PRIVATE KEY-----\n'),
    });
  });

  it('accepts a private key whose line breaks arrived as literal \\n', () => {
    const flattened = variant({ private_key: (json.private_key as string).replace(/\n/g, '\\n') });
    expect(parseServiceAccountKey(flattened).privateKey).toBe(json.private_key);
  });

  it.each([
    ['', /The key is empty/],
    ['{"type": "service_account", "client_email": "a@b"', /not valid JSON; it looks cut off/],
    ['[1]', /must be a JSON object/],
    [JSON.stringify({ type: 'authorized_user', client_id: 'x' }), /not a service-account key \(its "type" is "authorized_user"/],
    [JSON.stringify({ client_email: 'a@b' }), /its "type" is missing/],
    ['__no_email__', /has no "client_email"/],
    ['__no_key__', /has no "private_key"/],
    ['__bad_key__', /"private_key" is not a readable RSA private key/],
  ])('explains what is wrong with %s', (text, message) => {
    const special: Record<string, string> = {
      __no_email__: variant({ client_email: undefined }),
      __no_key__: variant({ private_key: '' }),
      __bad_key__: variant({ private_key: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n' }),
    };
    expect(() => parseServiceAccountKey(special[text] ?? text)).toThrow(message);
  });
});
