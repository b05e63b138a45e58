import { createPrivateKey } from 'node:crypto';
import { isPlainObject } from '../../http/http-body.encoder';

/** The parts of a service-account JSON key that hookflow uses. */
export interface ServiceAccountKey {
  clientEmail: string;
  privateKey: string;
  privateKeyId?: string;
  projectId?: string;
}

/** Why a pasted key cannot be used, in words the person who pasted it can act on. */
export class ServiceAccountKeyError extends Error {
  override readonly name = 'ServiceAccountKeyError';
}

const HOW_TO_GET_ONE =
  'In Google Cloud open IAM & Admin → Service accounts → the account → Keys → Add key → JSON, and paste the whole downloaded file.';

/** Checks that the text is a usable service-account JSON key and reads it. */
export function parseServiceAccountKey(text: unknown): ServiceAccountKey {
  if (typeof text !== 'string' || text.trim() === '') throw new ServiceAccountKeyError(`The key is empty. ${HOW_TO_GET_ONE}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ServiceAccountKeyError(`The key is not valid JSON; it looks cut off or edited. ${HOW_TO_GET_ONE}`);
  }
  if (!isPlainObject(json)) throw new ServiceAccountKeyError(`The key must be a JSON object. ${HOW_TO_GET_ONE}`);
  if (json.type !== 'service_account') {
    const type = typeof json.type === 'string' ? `"${json.type}"` : 'missing';
    throw new ServiceAccountKeyError(`This is not a service-account key (its "type" is ${type}, not "service_account"). ${HOW_TO_GET_ONE}`);
  }
  const clientEmail = json.client_email;
  if (typeof clientEmail !== 'string' || !clientEmail.includes('@')) {
    throw new ServiceAccountKeyError(`The key has no "client_email" (the service account's address). ${HOW_TO_GET_ONE}`);
  }
  return {
    clientEmail,
    privateKey: readPrivateKey(json.private_key),
    privateKeyId: typeof json.private_key_id === 'string' ? json.private_key_id : undefined,
    projectId: typeof json.project_id === 'string' ? json.project_id : undefined,
  };
}

function readPrivateKey(value: unknown): string {
  if (typeof value !== 'string' || !value.includes('PRIVATE KEY')) {
    throw new ServiceAccountKeyError(`The key has no "private_key". ${HOW_TO_GET_ONE}`);
  }
  // Keys copied through environment variables or shells often arrive with literal "\n" instead of line breaks.
  const pem = value.includes('\n') ? value : value.replace(/\\n/g, '\n');
  try {
    // Google signs with RS256 only, so anything but an RSA key would fail later with an obscure message.
    if (createPrivateKey(pem).asymmetricKeyType === 'rsa') return pem;
  } catch {
    // fall through to the message below
  }
  throw new ServiceAccountKeyError(`The key's "private_key" is not a readable RSA private key; the file may have been edited. ${HOW_TO_GET_ONE}`);
}
