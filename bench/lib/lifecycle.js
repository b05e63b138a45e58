'use strict';
/**
 * Everything the benchmark starts is registered here and torn down exactly once: child processes are
 * killed (also on a crash or a signal, and hard-killed when the parent exits), cleanups run in reverse.
 */

const { progress } = require('./progress');

const children = new Set();
const cleanups = [];
let shuttingDown = null;

function trackChild(child, name) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  child.benchName = name;
  return child;
}

function onCleanup(fn) {
  cleanups.push(fn);
}

function exited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM, then SIGKILL after graceMs; resolves once the child is gone. */
async function stopChild(child, graceMs = 5000) {
  if (exited(child)) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => !exited(child) && child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

/** Stops all children (they may hold the database), then runs cleanups newest first, each bounded. Idempotent. */
function shutdown() {
  shuttingDown ??= (async () => {
    await Promise.all([...children].map((c) => stopChild(c, 5000)));
    for (const fn of cleanups.reverse()) {
      try {
        await withTimeout(Promise.resolve().then(fn), 15000, 'cleanup');
      } catch (e) {
        progress(`cleanup failed: ${e.message}`);
      }
    }
  })();
  return shuttingDown;
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Installs exit/signal hooks and a watchdog that aborts the whole run after deadlineMs. */
function install(deadlineMs) {
  process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => abort(`received ${sig}`, 130));
  }
  setTimeout(() => abort(`watchdog: the run exceeded ${Math.round(deadlineMs / 1000)} s`, 1), deadlineMs).unref();
}

function abort(reason, code) {
  progress(`aborting: ${reason}`);
  setTimeout(() => process.exit(code), 20000).unref();
  shutdown().finally(() => process.exit(code));
}

module.exports = { trackChild, onCleanup, stopChild, shutdown, install, withTimeout, exited };
