import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateKeyFile } from './encryption-key.loader';
import { SecretBox } from './secret-box.cipher';

describe('loadOrCreateKeyFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hookflow-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates DATA_DIR/encryption.key with mode 0600 and 32 random bytes, then reuses it', () => {
    const first = loadOrCreateKeyFile(dir);
    const path = join(dir, 'encryption.key');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Buffer.from(first, 'base64')).toHaveLength(32);
    expect(readFileSync(path, 'utf8').trim()).toBe(first);
    expect(readdirSync(dir)).toEqual(['encryption.key']); // no temp file left behind

    const sealed = SecretBox.fromBase64(first).seal('kept');
    const second = loadOrCreateKeyFile(dir);
    expect(second).toBe(first);
    expect(SecretBox.fromBase64(second).open(sealed)).toBe('kept');
  });

  it('creates a missing DATA_DIR', () => {
    const nested = join(dir, 'data', 'nested');
    expect(Buffer.from(loadOrCreateKeyFile(nested), 'base64')).toHaveLength(32);
  });

  it('gives different keys to different data directories', () => {
    expect(loadOrCreateKeyFile(join(dir, 'a'))).not.toBe(loadOrCreateKeyFile(join(dir, 'b')));
  });

  it('refuses (and keeps) a key file that does not hold a valid key', () => {
    const path = join(dir, 'encryption.key');
    writeFileSync(path, 'short\n');
    expect(() => loadOrCreateKeyFile(dir)).toThrow(`${path} does not hold a valid key: ENCRYPTION_KEY must be 32 bytes`);
    expect(readFileSync(path, 'utf8')).toBe('short\n');
  });
});
