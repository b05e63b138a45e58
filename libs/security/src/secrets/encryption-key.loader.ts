import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box.cipher';
import { SecretBoxError } from './secret-box.error';

export const KEY_FILE_NAME = 'encryption.key';

/**
 * Embedded mode: returns the base64 key kept in DATA_DIR/encryption.key, creating it (mode 0600,
 * 32 random bytes) on first start. An existing file is never replaced: losing the key loses every
 * stored secret, so a bad file is an error for the operator to resolve.
 */
export function loadOrCreateKeyFile(dataDir: string): string {
  const path = join(dataDir, KEY_FILE_NAME);
  return readKeyFile(path) ?? createKeyFile(dataDir, path);
}

function readKeyFile(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    SecretBox.fromBase64(text);
  } catch (cause) {
    throw new SecretBoxError(`${path} does not hold a valid key: ${(cause as Error).message}`, { cause });
  }
  return text;
}

/**
 * Writes the key to a private temp file, flushes it, then hard-links it into place: the link either
 * appears complete or fails with EEXIST, so two processes starting together agree on one key and
 * neither can read a half-written file. The fsyncs keep the key across a power cut, since secrets
 * sealed with it may already be committed.
 */
function createKeyFile(dataDir: string, path: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('base64');
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${key}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return loadOrCreateKeyFile(dataDir); // another process won the race: use its key
  } finally {
    unlinkSync(temp);
  }
  syncDirectory(dataDir);
  return key;
}

function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the file itself is already on disk.
  }
}
