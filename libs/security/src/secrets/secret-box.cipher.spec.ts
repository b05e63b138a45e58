import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box.cipher';

const TAMPERED = 'cannot decrypt a secret: wrong ENCRYPTION_KEY or tampered data';

/** Flips one bit of one decoded byte in part `index` of a sealed value, and re-encodes it canonically. */
function flip(sealed: string, index: number, byte = 0): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[index], 'base64url');
  bytes[byte] ^= 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips text, including empty and non-ASCII strings', () => {
    for (const plain of ['smtp-password', '', 'pâss wörd 🔑', 'x'.repeat(10_000)]) {
      expect(box.open(box.seal(plain))).toBe(plain);
    }
  });

  it('seals as v1.<iv>.<tag>.<ciphertext> with a 12-byte IV and 16-byte tag, base64url', () => {
    const [version, iv, tag, ciphertext, ...rest] = box.seal('hello').split('.');
    expect(version).toBe('v1');
    expect(rest).toEqual([]);
    expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64url')).toHaveLength(16);
    expect(Buffer.from(ciphertext, 'base64url')).toHaveLength(5);
    expect(`${iv}${tag}${ciphertext}`).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('gives distinct ciphertexts (fresh IVs) for the same plaintext', () => {
    const sealed = new Set(Array.from({ length: 50 }, () => box.seal('same')));
    expect(sealed.size).toBe(50);
    expect(new Set([...sealed].map((s) => s.split('.')[1])).size).toBe(50);
  });

  it.each([
    [1, 'IV'],
    [2, 'tag'],
    [3, 'ciphertext'],
  ])('detects a flipped byte in the %s part (%s)', (index) => {
    const sealed = box.seal('top secret');
    expect(() => box.open(flip(sealed, index))).toThrow(TAMPERED);
    expect(() => box.open(flip(sealed, index, 5))).toThrow(TAMPERED);
  });

  it('rejects a changed version and malformed values', () => {
    const sealed = box.seal('top secret');
    const malformed = 'cannot decrypt a secret: not a sealed value (expected v1.<iv>.<tag>.<ciphertext>)';
    expect(() => box.open(sealed.replace(/^v1/, 'v2'))).toThrow(malformed);
    expect(() => box.open('plain text')).toThrow(malformed);
    expect(() => box.open(`${sealed}.extra`)).toThrow(malformed);
    // A non-canonical spelling of the tag (unused trailing bits set) is refused, not silently decoded.
    const parts = sealed.split('.');
    const last = parts[2].slice(-1);
    parts[2] = parts[2].slice(0, -1) + (last === 'A' ? 'B' : String.fromCharCode(last.charCodeAt(0) ^ 1));
    expect(() => box.open(parts.join('.'))).toThrow(/cannot decrypt a secret/);
  });

  it('refuses to open with the wrong key', () => {
    const sealed = box.seal('top secret');
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow(TAMPERED);
  });

  it('requires a 32-byte key', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow('SecretBox needs a key of exactly 32 bytes; got 16 bytes');
    expect(() => new SecretBox('k'.repeat(32) as never)).toThrow('got string');
  });

  it('keeps its own copy of the key', () => {
    const key = randomBytes(32);
    const own = new SecretBox(key);
    const sealed = own.seal('v');
    key.fill(0);
    expect(own.open(sealed)).toBe('v');
  });

  describe('fromBase64', () => {
    it('accepts an ENCRYPTION_KEY from `openssl rand -base64 32` (with a trailing newline)', () => {
      const key = randomBytes(32);
      const sealed = new SecretBox(key).seal('abc');
      expect(SecretBox.fromBase64(`${key.toString('base64')}\n`).open(sealed)).toBe('abc');
    });

    it('explains a wrong length or non-base64 text', () => {
      expect(() => SecretBox.fromBase64(randomBytes(12).toString('base64'))).toThrow(
        'ENCRYPTION_KEY must be 32 bytes, base64-encoded; got 12 bytes. Generate one with: openssl rand -base64 32',
      );
      expect(() => SecretBox.fromBase64('not base64 at all!')).toThrow(
        'ENCRYPTION_KEY must be 32 bytes, base64-encoded; got text that is not base64. Generate one with: openssl rand -base64 32',
      );
    });
  });

  describe('sealObject / openObject', () => {
    it('round-trips a map of secrets, each value sealed separately', () => {
      const secrets = { user: 'mailer', pass: 'hunter2' };
      const sealed = box.sealObject(secrets);
      expect(Object.keys(sealed)).toEqual(['user', 'pass']);
      expect(sealed.pass).toMatch(/^v1\./);
      expect(JSON.stringify(sealed)).not.toContain('hunter2');
      expect(box.openObject(sealed)).toEqual(secrets);
    });

    it('names the field that cannot be opened, not its value', () => {
      const sealed = box.sealObject({ user: 'mailer', pass: 'hunter2' });
      expect(() => box.openObject({ ...sealed, pass: flip(sealed.pass, 3) })).toThrow(
        'cannot decrypt secret "pass": wrong ENCRYPTION_KEY or tampered data',
      );
    });
  });
});
