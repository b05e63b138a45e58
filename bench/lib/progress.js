'use strict';
/** Progress lines on stderr, so stdout carries only the result table. */

const t0 = Date.now();

function progress(msg) {
  const s = ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${s}s] ${msg}\n`);
}

module.exports = { progress };
