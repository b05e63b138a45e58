'use strict';
/**
 * The ingest benchmark: the same load (POST of a ~1 KB JSON body, N connections, loopback) against
 * hookflow's hook URL and against a bare node:http server, plus delivery of the accepted runs to a
 * local target through the workflow's http step.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { prepareStore } = require('./lib/stores');
const { startEchoServer, countServed } = require('./lib/echo-server');
const { startHookflow, logProblems } = require('./lib/hookflow');
const { stopChild } = require('./lib/lifecycle');
const { requestJson } = require('./lib/http-json');
const { runLoad } = require('./lib/load');
const { waitForDelivery } = require('./lib/delivery');
const { makePayload } = require('./lib/payload');
const { progress } = require('./lib/progress');

const ROOT = path.resolve(__dirname, '..');

function createWorkflow(baseUrl, targetUrl) {
  return requestJson('POST', `${baseUrl}/api/workflows`, {
    name: 'bench: hook to local target',
    steps: [
      {
        key: 'target',
        type: 'http',
        config: {
          method: { value: 'POST' },
          url: { value: targetUrl },
          body: { expr: "{ 'name': trigger.body.name, 'email': trigger.body.email }" },
        },
      },
    ],
  });
}

/** Measures hookflow: optional warm-up (drained before measuring), the load, then delivery. */
async function measureHookflow(opts, body, hf, workflow, targetUrl) {
  const drain = (baseline) =>
    waitForDelivery({ baseUrl: hf.baseUrl, workflowId: workflow.id, targetUrl, baseline, timeoutMs: opts.drainTimeout * 1000 });
  if (opts.warmup > 0) {
    await runLoad({ name: 'hookflow warm-up', url: workflow.hookUrl, body, connections: opts.connections, duration: opts.warmup });
    await drain(0);
  }
  const baseline = await countServed(targetUrl);
  const load = await runLoad({
    name: 'hookflow',
    url: workflow.hookUrl,
    body,
    connections: opts.connections,
    duration: opts.duration,
    serverPid: hf.child.pid,
    onTick: (s, rps) =>
      countServed(targetUrl).then(
        (n) => progress(`hookflow: ${s}/${opts.duration} s, ${rps} req/s, ${n - baseline} delivered`),
        () => {},
      ),
  });
  const deliveredDuringLoad = (await countServed(targetUrl)) - baseline;
  progress(`hookflow load done: ${load.ok} accepted, ${load.non2xx} non-2xx; waiting for runs to finish`);
  const d = await drain(baseline);
  const delivery = {
    ...d,
    accepted: load.ok,
    deliveredDuringLoad,
    missing: Math.max(0, load.ok - d.delivered),
    deliveryRate: d.delivered / (load.durationS + d.drainMs / 1000),
  };
  return { load, delivery };
}

async function measureBare(opts, body, { url, child }) {
  const run = (name, duration) => runLoad({ name, url, body, connections: opts.connections, duration, serverPid: child.pid });
  if (opts.warmup > 0) await run('bare warm-up', opts.warmup);
  return run('bare', opts.duration);
}

function gitCommit() {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${sha} (uncommitted changes)` : sha;
  } catch {
    return 'unknown';
  }
}

async function runIngest(opts) {
  const loadAverageBefore = os.loadavg()[0];
  const body = makePayload(opts.bodyBytes);
  const store = await prepareStore(opts);
  progress(`store: ${store.label}`);
  const [target, bare] = await Promise.all([startEchoServer('target'), startEchoServer('bare')]);
  const hf = await startHookflow({ env: store.env, logFile: path.join(store.workDir, 'hookflow.log') });
  progress(`hookflow ready at ${hf.baseUrl}`);
  const workflow = await createWorkflow(hf.baseUrl, target.url);

  const { load: hookflow, delivery } = await measureHookflow(opts, body, hf, workflow, target.url);
  await stopChild(hf.child); // idle hookflow must not share the CPU with the bare run
  const bareLoad = await measureBare(opts, body, bare);

  const problems = logProblems(hf.logFile);
  const outDir = path.resolve(ROOT, opts.out);
  fs.mkdirSync(outDir, { recursive: true });
  fs.copyFileSync(hf.logFile, path.join(outDir, `hookflow-${opts.store}.log`));
  return {
    meta: {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      commit: gitCommit(),
      node: process.version,
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
      cores: os.availableParallelism(),
      loadAverageBefore, // other work on the machine skews the numbers
      store: opts.store,
      storeLabel: store.label,
      duration: opts.duration,
      warmup: opts.warmup,
      connections: opts.connections,
      bodyBytes: Buffer.byteLength(body),
    },
    hookflow,
    bare: bareLoad,
    delivery,
    logProblemCount: problems.length,
    logProblems: problems.slice(0, 5).map((l) => l.slice(0, 400)),
  };
}

module.exports = { runIngest };
