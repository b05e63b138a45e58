'use strict';
/**
 * The store hookflow runs on during the benchmark, always fresh:
 * - embedded: PGlite in a new temp DATA_DIR (removed afterwards), in-process dispatch;
 * - postgres: a new PostgreSQL database (created and dropped here) + Bull on Redis under a unique
 *   QUEUE_PREFIX whose keys are deleted afterwards.
 * prepareStore registers its own cleanup; it returns { label, env, workDir }.
 */

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const Redis = require('ioredis');
const { onCleanup } = require('./lifecycle');
const { progress } = require('./progress');

async function prepareStore(opts) {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookflow-bench-'));
  onCleanup(() => fs.rmSync(workDir, { recursive: true, force: true }));
  if (opts.store === 'embedded') {
    return { label: 'embedded PGlite, in-process dispatch', env: { DATA_DIR: path.join(workDir, 'data') }, workDir };
  }
  const name = `hookflow_bench_${process.pid}_${Date.now().toString(36)}`;
  const databaseUrl = await createDatabase(opts.pgUrl, name);
  const redisUrl = opts.redisUrl;
  await withRedis(redisUrl, (r) => r.ping());
  onCleanup(() => deleteRedisKeys(redisUrl, name));
  return {
    label: 'PostgreSQL + Bull on Redis',
    env: {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: name,
      DATA_DIR: path.join(workDir, 'data'),
      ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64'),
    },
    workDir,
  };
}

async function withPg(url, fn) {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates database `name` next to the maintenance database at adminUrl; registers its drop. */
async function createDatabase(adminUrl, name) {
  await withPg(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  progress(`created database ${name}`);
  onCleanup(async () => {
    await withPg(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    progress(`dropped database ${name}`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withRedis(url, fn) {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5000 });
  await redis.connect();
  try {
    return await fn(redis);
  } finally {
    redis.disconnect();
  }
}

/** Deletes the Bull keys of this run (prefix:*), and only those. */
function deleteRedisKeys(url, prefix) {
  return withRedis(url, async (redis) => {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    progress(`deleted ${deleted} Redis keys under ${prefix}:`);
  });
}

module.exports = { prepareStore };
