'use strict';
/** One autocannon run: POST `body` as JSON to `url`; returns the numbers the report needs. */

const autocannon = require('autocannon');
const { progress } = require('./progress');
const { LatencySample } = require('./latency');
const { startCpuMeter } = require('./cpu');

/**
 * onTick(second, requestsThisSecond) is optional; without it a progress line is printed each second.
 * serverPid, when given, is the process whose CPU use is reported (% of one core).
 * Never bails out: every answer is counted, and non-2xx answers are reported.
 */
async function runLoad({ name, url, body, connections, duration, onTick, serverPid }) {
  const serverCpu = serverPid ? startCpuMeter(serverPid) : () => null;
  const ownCpu = startCpuMeter(process.pid);
  const instance = autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    duration,
    timeout: 10,
  });
  const latency = new LatencySample();
  instance.on('response', (_client, _status, _bytes, responseTime) => latency.record(responseTime));
  let second = 0;
  instance.on('tick', ({ counter }) => {
    if (++second > duration) return; // autocannon ticks once more when it stops
    if (onTick) onTick(second, counter);
    else progress(`${name}: ${second}/${duration} s, ${counter} req/s`);
  });
  const result = await instance;
  return { ...summarize(result, latency), serverCpu: serverCpu(), loadGeneratorCpu: ownCpu() };
}

function summarize(r, latency) {
  const total = r.requests.total;
  const [p50, p99] = latency.percentiles(50, 99);
  return {
    rps: total / r.duration, // not requests.average: that also averages autocannon's trailing partial second
    p50,
    p99,
    total,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats || {}).map(([code, s]) => [code, Number(s.count)])),
    durationS: r.duration,
  };
}

module.exports = { runLoad };
