'use strict';
/**
 * Formats one benchmark result as Markdown and stores it: bench/results/latest.md keeps one section per
 * store (a run replaces only its own), bench/results/latest-<store>.json holds the raw numbers.
 */

const fs = require('node:fs');
const path = require('node:path');

const STORE_ORDER = ['embedded', 'postgres'];
const HEADER =
  '# hookflow benchmark results\n\nWritten by `node bench/run.js` (`--store=postgres` for the second section); ' +
  'each run replaces its own section.\n';

const int = (n) => Math.round(n).toLocaleString('en-US');
const ms = (n) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : int(n));
const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
const secs = (n) => `${(n / 1000).toFixed(1)} s`;

const pct = (n) => (n === null ? 'n/a' : `${int(n)} %`);

function loadRow(label, r) {
  return (
    `| ${label} | ${int(r.rps)} | ${ms(r.p50)} | ${ms(r.p99)} | ${int(r.total)} | ${int(r.non2xx)} | ${int(r.errors)} | ` +
    `${pct(r.serverCpu)} | ${pct(r.loadGeneratorCpu)} |`
  );
}

function toMarkdown(res) {
  const { meta, hookflow, bare, delivery: d } = res;
  const lines = [
    `## Ingest: ${meta.storeLabel}`,
    '',
    `${meta.date} · commit ${meta.commit} · Node ${meta.node} · ${meta.cores}× ${meta.cpu} · ` +
      `${meta.connections} connections · ${meta.duration} s per target (+${meta.warmup} s warm-up) · ` +
      `${int(meta.bodyBytes)}-byte JSON body · loopback · 1-min load average before: ${meta.loadAverageBefore.toFixed(2)}`,
    '',
    '| target | requests/s | p50 ms | p99 ms | requests | non-2xx | errors | server CPU | load generator CPU |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
    loadRow('hookflow `POST /hooks/:token`', hookflow),
    loadRow('bare `node:http` (reads body, 200 JSON)', bare),
    `| hookflow / bare | ${ratio(hookflow.rps, bare.rps)} | ${ratio(hookflow.p50, bare.p50)} | ${ratio(hookflow.p99, bare.p99)} | | | | | |`,
    '',
    'CPU columns: % of one core used by the server process and by this load generator during the run ' +
      '(PostgreSQL and Redis, when used, are not counted). Latencies are exact times on a uniform sample.',
    '',
    '| accepted (2xx) | delivered | delivered during load | missing | failed runs | all runs finished | delivery after load end | delivery rate |',
    '|--:|--:|--:|--:|--:|---|--:|--:|',
    `| ${int(d.accepted)} | ${int(d.delivered)} | ${int(d.deliveredDuringLoad)} | ${int(d.missing)} | ` +
      `${d.failedRuns >= 200 ? '200+' : d.failedRuns} | ${d.drained ? 'yes' : 'NO (timed out)'} | ${secs(d.drainMs)} | ` +
      `${int(d.deliveryRate)}/s |`,
    '',
    'Delivered can exceed accepted by up to the connection count: requests in flight when the load stopped ' +
      'were stored and run, but their answers were not counted. Missing = accepted minus delivered (must be 0).',
    '',
    `hookflow log lines at warn/error level: ${res.logProblemCount}` +
      (res.logProblems.length ? `, first:\n\n\`\`\`\n${res.logProblems.join('\n')}\n\`\`\`` : ''),
  ];
  return lines.join('\n') + '\n';
}

function sectionRe(store) {
  return new RegExp(`<!-- bench:ingest:${store} -->\\n[\\s\\S]*?<!-- /bench:ingest:${store} -->\\n`);
}

/** Writes latest.md (replacing this store's section) and latest-<store>.json; returns the .md path. */
function writeResults(dir, store, res, markdown) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `latest-${store}.json`), JSON.stringify(res, null, 2) + '\n');
  const file = path.join(dir, 'latest.md');
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const sections = STORE_ORDER.map((s) => {
    if (s === store) return `<!-- bench:ingest:${s} -->\n${markdown}<!-- /bench:ingest:${s} -->\n`;
    const m = sectionRe(s).exec(old);
    return m ? m[0] : '';
  }).filter(Boolean);
  fs.writeFileSync(file, `${HEADER}\n${sections.join('\n')}`);
  return file;
}

module.exports = { toMarkdown, writeResults };
