'use strict';
/**
 * Sub-millisecond latency percentiles. autocannon's histogram stores whole milliseconds, which rounds a
 * bare server's p50 to 0; this keeps a uniform reservoir sample (bounded memory) of exact times instead.
 */

class LatencySample {
  constructor(capacity = 200000) {
    this.values = new Float64Array(capacity);
    this.seen = 0;
  }

  record(ms) {
    const cap = this.values.length;
    if (this.seen < cap) this.values[this.seen] = ms;
    else {
      const j = Math.floor(Math.random() * (this.seen + 1));
      if (j < cap) this.values[j] = ms;
    }
    this.seen++;
  }

  /** p in [0, 100]; nearest-rank on the sample. */
  percentiles(...ps) {
    const sorted = this.values.slice(0, Math.min(this.seen, this.values.length)).sort();
    return ps.map((p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN));
  }
}

module.exports = { LatencySample };
