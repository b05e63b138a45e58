'use strict';
/** CPU time of another process (Linux /proc), to show how busy a server was during a load run. */

const fs = require('node:fs');

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of pid in ms, or null where /proc is unavailable. */
function cpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Starts a measurement; the returned function gives the % of one core pid used since (null if unknown). */
function startCpuMeter(pid) {
  const cpu0 = cpuMs(pid);
  const t0 = Date.now();
  return () => {
    const cpu1 = cpuMs(pid);
    return cpu0 === null || cpu1 === null ? null : (100 * (cpu1 - cpu0)) / (Date.now() - t0);
  };
}

module.exports = { startCpuMeter };
