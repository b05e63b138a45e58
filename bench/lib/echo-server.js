'use strict';
/**
 * A bare node:http server that reads the request body and answers 200 JSON. It serves both as the
 * "bare" baseline and as the delivery target of hookflow's http step. It runs in its own process
 * (started with startEchoServer) so it never shares an event loop with the load generator.
 * GET /__count answers how many other requests it has served.
 */

const http = require('node:http');
const { fork } = require('node:child_process');
const { trackChild } = require('./lifecycle');
const { requestJson } = require('./http-json');

const REPLY = JSON.stringify({ ok: true });

function serve() {
  let count = 0;
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/__count') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ count }));
      return;
    }
    let bytes = 0;
    req.on('data', (chunk) => (bytes += chunk.length));
    req.on('end', () => {
      count++;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(REPLY) }).end(REPLY);
    });
  });
  server.keepAliveTimeout = 30000;
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('disconnect', () => process.exit(0)); // the parent died: do not linger
}

/** Forks this file as a server process; resolves { url, child } once it listens. */
function startEchoServer(name, timeoutMs = 10000) {
  const child = trackChild(fork(__filename, ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }), name);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code) => reject(new Error(`${name} exited with code ${code} before listening`)));
    child.once('message', ({ port }) => {
      clearTimeout(timer);
      resolve({ url: `http://127.0.0.1:${port}/`, child });
    });
  });
}

/** How many requests (other than the count itself) the server at url has answered. */
async function countServed(url) {
  return (await requestJson('GET', `${url}__count`)).count;
}

if (require.main === module && process.argv.includes('--serve')) serve();

module.exports = { startEchoServer, countServed };
