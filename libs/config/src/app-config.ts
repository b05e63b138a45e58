import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.join(' or ')}//`);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: url(['http:', 'https:']).optional(),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)')
    .optional(),
  SAMPLES_PER_WORKFLOW: z.coerce.number().int().min(1).max(10_000).default(100),
  PRUNE_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  RETENTION_DAYS: z.coerce.number().min(0).default(30),
  API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  MAX_PAYLOAD_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  OUTBOUND_ALLOW_PRIVATE: bool.default(false),
  OUTBOUND_ALLOW_HOSTS: z.string().default(''),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_:-]+$/, 'may only hold letters, digits, _ : -').default('hookflow'),
  GOOGLE_API_URL: url(['http:', 'https:']).default('https://sheets.googleapis.com'),
  GOOGLE_TOKEN_URL: url(['http:', 'https:']).default('https://oauth2.googleapis.com/token'),
  HOOKFLOW_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  LOG_FORMAT: z.enum(['json', 'text']).default('json'),
  RUN_LEASE_MS: z.coerce.number().int().min(1000).default(60_000),
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  DISPATCH_STALE_MS: z.coerce.number().int().min(100).default(30_000),
  RETRY_BASE_DELAY_MS: z.coerce.number().int().min(0).default(1000),
  RETRY_MAX_DELAY_MS: z.coerce.number().int().min(0).default(300_000),
});

export interface AppConfig {
  port: number;
  host: string;
  publicUrl: string;
  /** Absent: embedded PGlite in dataDir. */
  databaseUrl?: string;
  /** True when no DATABASE_URL was given: PGlite in dataDir, served on loopback by this process. */
  embeddedStore: boolean;
  /** Absent: durable in-process dispatch. */
  redisUrl?: string;
  /** Bull key prefix, so several installs (or test runs) can share one Redis. */
  queuePrefix: string;
  dataDir: string;
  apiKey?: string;
  /** Seals secrets at rest. Embedded mode keeps a generated one in dataDir when unset. */
  encryptionKey?: string;
  /** Payloads kept per workflow that started no run (samples of a disabled workflow, rejected requests). */
  samplesPerWorkflow: number;
  pruneIntervalMs: number;
  /** Events (with their runs) older than this are deleted in the background; 0 keeps everything. */
  retentionDays: number;
  maxPayloadBytes: number;
  outbound: { allowPrivate: boolean; allowHosts: string[] };
  /** Google's endpoints; tests and private gateways point them elsewhere. */
  google: { apiUrl: string; tokenUrl: string };
  role: 'all' | 'api' | 'worker';
  workerConcurrency: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  logFormat: 'json' | 'text';
  runs: {
    /** A running run whose worker stops renewing this lease is picked up by another. */
    leaseMs: number;
    sweepIntervalMs: number;
    /** A queued run handed to the queue this long ago and not started is handed over again. */
    dispatchStaleMs: number;
    retryBaseDelayMs: number;
    retryMaxDelayMs: number;
  };
}

/** Empty strings count as unset, as in most .env files. */
function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')) as Record<
    string,
    string
  >;
}

/** Validates the environment once at start-up; a bad value throws one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(definedOnly(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid environment: ${issue.path.join('.')} ${issue.message}`);
  }
  const e = parsed.data;
  if (e.DATABASE_URL && !e.ENCRYPTION_KEY) {
    // Every process over a shared database must seal and open secrets with the same key.
    throw new Error('Invalid environment: ENCRYPTION_KEY is required with DATABASE_URL (generate one: openssl rand -base64 32)');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    embeddedStore: !e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    dataDir: e.DATA_DIR,
    apiKey: e.API_KEY,
    encryptionKey: e.ENCRYPTION_KEY,
    samplesPerWorkflow: e.SAMPLES_PER_WORKFLOW,
    pruneIntervalMs: e.PRUNE_INTERVAL_MS,
    retentionDays: e.RETENTION_DAYS,
    maxPayloadBytes: e.MAX_PAYLOAD_BYTES,
    outbound: {
      allowPrivate: e.OUTBOUND_ALLOW_PRIVATE,
      allowHosts: e.OUTBOUND_ALLOW_HOSTS.split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    },
    google: { apiUrl: e.GOOGLE_API_URL.replace(/\/+$/, ''), tokenUrl: e.GOOGLE_TOKEN_URL },
    role: e.HOOKFLOW_ROLE,
    workerConcurrency: e.WORKER_CONCURRENCY,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    runs: {
      leaseMs: e.RUN_LEASE_MS,
      sweepIntervalMs: e.SWEEP_INTERVAL_MS,
      dispatchStaleMs: e.DISPATCH_STALE_MS,
      retryBaseDelayMs: e.RETRY_BASE_DELAY_MS,
      retryMaxDelayMs: e.RETRY_MAX_DELAY_MS,
    },
  };
}
