import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SecretBoxError } from './secret-box.error';

const KEY_BYTES = 32;
const IV_BYTES = 12; // the GCM nonce size NIST recommends; random per seal
const TAG_BYTES = 16;
const VERSION = 'v1';
// The version is authenticated too, so a sealed value cannot be relabelled as another format.
const AAD = Buffer.from(VERSION, 'utf8');
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

const TAMPERED = 'cannot decrypt a secret: wrong ENCRYPTION_KEY or tampered data';
const MALFORMED = 'cannot decrypt a secret: not a sealed value (expected v1.<iv>.<tag>.<ciphertext>)';

/**
 * AES-256-GCM for secrets at rest. Sealed form: "v1.<iv>.<tag>.<ciphertext>", each part base64url, so
 * it fits a text column and a later format can sit beside it under another version prefix.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
      const got = Buffer.isBuffer(key) ? `${key.length} bytes` : typeof key;
      throw new SecretBoxError(`SecretBox needs a key of exactly ${KEY_BYTES} bytes; got ${got}`);
    }
    this.#key = Buffer.from(key); // a private copy: the caller may reuse or wipe its buffer
  }

  /** From ENCRYPTION_KEY: 32 random bytes, base64 (or base64url). */
  static fromBase64(key: string): SecretBox {
    const trimmed = key.trim();
    const bytes = BASE64.test(trimmed) ? Buffer.from(trimmed, 'base64') : undefined;
    if (bytes?.length !== KEY_BYTES) {
      const got = bytes ? `got ${bytes.length} bytes` : 'got text that is not base64';
      throw new SecretBoxError(
        `ENCRYPTION_KEY must be ${KEY_BYTES} bytes, base64-encoded; ${got}. Generate one with: openssl rand -base64 32`,
      );
    }
    return new SecretBox(bytes);
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES }).setAAD(AAD);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, ...[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'))].join('.');
  }

  open(sealed: string): string {
    const [version, ...encoded] = String(sealed).split('.');
    const [iv, tag, ciphertext] = encoded.map(decodePart);
    if (version !== VERSION || encoded.length !== 3 || !iv || !tag || !ciphertext) throw new SecretBoxError(MALFORMED);
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError(TAMPERED);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES }).setAAD(AAD);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw new SecretBoxError(TAMPERED, { cause });
    }
  }

  sealObject(values: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, this.seal(value)]));
  }

  /** Opens every value; the error names the field that failed (never its value). */
  openObject(sealed: Record<string, string>): Record<string, string> {
    return Object.fromEntries(
      Object.entries(sealed).map(([name, value]) => {
        try {
          return [name, this.open(value)];
        } catch (cause) {
          const reason = cause instanceof Error ? cause.message.replace(/^cannot decrypt a secret: /, '') : String(cause);
          throw new SecretBoxError(`cannot decrypt secret "${name}": ${reason}`, { cause });
        }
      }),
    );
  }
}

/**
 * Strict base64url: only the canonical spelling decodes, so a changed character can never slip past
 * as the same bytes (Node's decoder otherwise ignores stray characters and unused trailing bits).
 */
function decodePart(part: string): Buffer | undefined {
  if (!BASE64URL.test(part)) return undefined;
  const bytes = Buffer.from(part, 'base64url');
  return bytes.toString('base64url') === part ? bytes : undefined;
}
