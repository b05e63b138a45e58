'use strict';
/**
 * Ingest benchmark entry point (plain Node, runs the compiled app from dist/):
 *   npm run build && node bench/run.js [--duration 10] [--store=postgres] [--help]
 * Prints the result table (Markdown) on stdout, progress on stderr, and writes bench/results/latest.md.
 * Exits 1 when hookflow answered anything but 2xx, lost runs, or did not finish them in time.
 */

const path = require('node:path');
const { parseArgs } = require('./lib/args');
const lifecycle = require('./lib/lifecycle');
const { progress } = require('./lib/progress');
const { runIngest } = require('./ingest');
const { toMarkdown, writeResults } = require('./lib/report');

function verdict({ hookflow, delivery }) {
  const problems = [];
  if (hookflow.non2xx > 0) problems.push(`${hookflow.non2xx} non-2xx answers from hookflow`);
  if (hookflow.errors > 0) problems.push(`${hookflow.errors} connection errors/timeouts against hookflow`);
  if (delivery.missing > 0) problems.push(`${delivery.missing} accepted runs were not delivered`);
  if (!delivery.drained) problems.push('runs were still queued or running at the drain timeout');
  return problems;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log(opts.help);
    return 0;
  }
  const deadlineMs = (2 * (opts.duration + opts.warmup) + 2 * opts.drainTimeout + 240) * 1000;
  lifecycle.install(deadlineMs);
  const result = await runIngest(opts);
  const markdown = toMarkdown(result);
  const file = writeResults(path.resolve(__dirname, '..', opts.out), opts.store, result, markdown);
  process.stdout.write(`\n${markdown}`);
  progress(`wrote ${path.relative(process.cwd(), file)}`);
  const problems = verdict(result);
  problems.forEach((p) => progress(`FAIL: ${p}`));
  return problems.length ? 1 : 0;
}

main()
  .catch((e) => {
    progress(`error: ${e.usage ? e.message : e.stack || e.message}`);
    return 1;
  })
  .then(async (code) => {
    await lifecycle.shutdown();
    process.exit(code);
  });
