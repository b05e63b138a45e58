'use strict';
/**
 * After the load: waits (bounded) until the workflow has no queued or running runs, and counts what the
 * delivery target received. Never throws on a timeout: the report says the runs did not drain.
 */

const { requestJson, pollUntil } = require('./http-json');
const { countServed } = require('./echo-server');
const { progress } = require('./progress');

async function runsWithStatus(baseUrl, workflowId, status, limit) {
  const page = await requestJson('GET', `${baseUrl}/api/workflows/${workflowId}/runs?status=${status}&limit=${limit}`);
  return page.items.length;
}

async function pendingRuns(baseUrl, workflowId) {
  const [queued, running] = await Promise.all(
    ['queued', 'running'].map((s) => runsWithStatus(baseUrl, workflowId, s, 1)),
  );
  return queued + running;
}

/** baseline: the target's count before the measured load. Resolves { drained, drainMs, delivered, failedRuns }. */
async function waitForDelivery({ baseUrl, workflowId, targetUrl, baseline, timeoutMs }) {
  const started = Date.now();
  let lastReport = 0;
  let drained = true;
  try {
    await pollUntil(
      async () => {
        if (Date.now() - lastReport >= 2000) {
          lastReport = Date.now();
          progress(`delivery: ${(await countServed(targetUrl)) - baseline} delivered so far`);
        }
        return (await pendingRuns(baseUrl, workflowId)) === 0;
      },
      { timeoutMs, intervalMs: 250, what: 'no queued or running runs' },
    );
  } catch (e) {
    drained = false;
    progress(e.message);
  }
  const drainMs = Date.now() - started;
  const delivered = (await countServed(targetUrl)) - baseline;
  const failedRuns = await runsWithStatus(baseUrl, workflowId, 'failed', 200);
  return { drained, drainMs, delivered, failedRuns };
}

module.exports = { waitForDelivery };
