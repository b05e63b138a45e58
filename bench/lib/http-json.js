'use strict';
/** Small JSON-over-HTTP helpers with timeouts, and a bounded poll. */

async function requestJson(method, url, body, timeoutMs = 10000) {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls check() every intervalMs until it returns a truthy value (which is returned), or throws once
 * timeoutMs has passed. Errors from check() count as "not yet" (the last one is reported), unless
 * stopOn(error) says they are final.
 */
async function pollUntil(check, { timeoutMs, intervalMs = 200, what, stopOn = () => false }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      if (stopOn(e)) throw e;
      lastError = e;
    }
    if (Date.now() >= deadline) {
      throw new Error(`${what} not reached within ${timeoutMs} ms${lastError ? `: ${lastError.message}` : ''}`);
    }
    await sleep(intervalMs);
  }
}

module.exports = { requestJson, pollUntil, sleep };
