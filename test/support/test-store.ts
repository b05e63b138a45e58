import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * Where a test's app keeps its data: a fresh PGlite folder by default, or — when DATABASE_URL is set — a fresh
 * database on that PostgreSQL server, so test files running in parallel never see each other's rows.
 */
export interface TestStore {
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** The local services, for the tests that need PostgreSQL and Redis whatever mode the suite runs in. */
export const LOCAL_POSTGRES = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const LOCAL_REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function createTestStore(serverUrl = process.env.DATABASE_URL): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hookflow-test-'));
  if (!serverUrl) {
    return { env: { DATA_DIR: dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `hookflow_t_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    DATABASE_URL: url.toString(),
    ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  };
  if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;
  env.QUEUE_PREFIX = name;
  return {
    env,
    drop: async () => {
      await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
