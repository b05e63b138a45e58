'use strict';
/** Starts hookflow from dist/ as a child process on a free loopback port and waits until it is ready. */

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { trackChild, exited } = require('./lifecycle');
const { pollUntil, requestJson } = require('./http-json');

const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'dist/apps/api/src/main.js');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * env: store-specific variables (DATA_DIR, or DATABASE_URL + REDIS_URL + QUEUE_PREFIX).
 * Output goes to logFile. Resolves { baseUrl, child, logFile }.
 */
async function startHookflow({ env, logFile, readyTimeoutMs = 90000 }) {
  if (!fs.existsSync(MAIN)) throw new Error(`${path.relative(ROOT, MAIN)} is missing: run npm run build first`);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = fs.openSync(logFile, 'w');
  const child = trackChild(
    spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      stdio: ['ignore', log, log],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: baseUrl,
        OUTBOUND_ALLOW_PRIVATE: 'true',
        LOG_LEVEL: 'warn',
        ...env,
      },
    }),
    'hookflow',
  );
  fs.closeSync(log);
  await pollUntil(
    async () => {
      if (exited(child)) throw Object.assign(new Error(`hookflow exited (code ${child.exitCode}):\n${tail(logFile)}`), { fatal: true });
      return requestJson('GET', `${baseUrl}/health/ready`, undefined, 2000);
    },
    { timeoutMs: readyTimeoutMs, what: 'hookflow /health/ready', stopOn: (e) => e.fatal },
  );
  return { baseUrl, child, logFile };
}

function tail(file, lines = 20) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Lines of the log at level warn or error (JSON or text format), for the report. */
function logProblems(file) {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter((l) => /"level":"(warn|error|fatal)"|\b(WARN|ERROR)\b|could not start/.test(l));
}

module.exports = { startHookflow, logProblems };
