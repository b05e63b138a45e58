'use strict';
/** Command-line flags of the benchmark: `--name value` or `--name=value`; unknown flags stop it. */

const DEFAULTS = {
  duration: 10, // seconds of measured load per target
  warmup: 3, // seconds of discarded load per target before measuring (0: none)
  connections: 50,
  bodyBytes: 1024,
  store: 'embedded', // embedded | postgres
  drainTimeout: 120, // seconds to wait for accepted runs to finish
  pgUrl: 'postgres://postgres@127.0.0.1:5432/postgres', // maintenance database used to create/drop ours
  redisUrl: 'redis://127.0.0.1:6379',
  out: 'bench/results',
};

const LIMITS = { duration: [1, 600], warmup: [0, 60], connections: [1, 1000], bodyBytes: [64, 1 << 20], drainTimeout: [1, 1800] };

const HELP = `usage: node bench/run.js [--duration 10] [--warmup 3] [--connections 50] [--body-bytes 1024]
                         [--store embedded|postgres] [--drain-timeout 120]
                         [--pg-url ${DEFAULTS.pgUrl}] [--redis-url ${DEFAULTS.redisUrl}] [--out bench/results]
Runs the ingest benchmark against hookflow (from dist/, build first) and a bare node:http server.`;

const usage = (msg) => Object.assign(new Error(msg), { usage: true });

const camel = (s) => s.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

function parseArgs(argv) {
  const opts = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--help' || argv[i] === '-h') return { help: HELP };
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    const key = m && camel(m[1]);
    if (!m || !(key in DEFAULTS)) throw usage(`unknown argument ${argv[i]}\n${HELP}`);
    const value = m[2] !== undefined ? m[2] : argv[++i];
    if (value === undefined) throw usage(`--${m[1]} needs a value`);
    opts[key] = typeof DEFAULTS[key] === 'number' ? toNumber(key, value) : value;
  }
  if (!['embedded', 'postgres'].includes(opts.store)) throw usage('--store must be embedded or postgres');
  return opts;
}

function toNumber(key, value) {
  const n = Number(value);
  const [min, max] = LIMITS[key];
  if (!Number.isFinite(n) || n < min || n > max) throw usage(`--${key} must be a number from ${min} to ${max}`);
  return n;
}

module.exports = { parseArgs };
