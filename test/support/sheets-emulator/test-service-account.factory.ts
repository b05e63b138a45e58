import { generateKeyPairSync } from 'node:crypto';

/** A service account made up for tests: the JSON key a user would paste, and the public half for the emulator. */
export interface TestServiceAccount {
  clientEmail: string;
  /** The service-account JSON key text, as Google's console downloads it. */
  keyJson: string;
  publicKeyPem: string;
}

export function createTestServiceAccount(clientEmail = 'hookflow-test@hookflow-test.iam.gserviceaccount.com'): TestServiceAccount {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const keyJson = JSON.stringify(
    {
      type: 'service_account',
      project_id: 'hookflow-test',
      private_key_id: 'test-key-1',
      private_key: privateKey,
      client_email: clientEmail,
      client_id: '100000000000000000001',
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: 'https://oauth2.googleapis.com/token',
      universe_domain: 'googleapis.com',
    },
    null,
    2,
  );
  return { clientEmail, keyJson, publicKeyPem: publicKey };
}
