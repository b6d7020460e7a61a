// Run as its own process during a flood test, so the flood does not share the test's event loop.
// Arguments: URL, overall rate (requests/s), a file with the body, the Authorization header.
// It prints "ready" once loaded; then each "start" line on stdin starts a flood over 16
// connections and each "stop" line stops it and prints a JSON line of the status codes it got.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const [url, rate, bodyFile, authorization] = process.argv.slice(2);
const body = readFileSync(bodyFile, 'utf8');
let running;
let statuses = {};

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'start' && !running) {
    statuses = {};
    running = autocannon({ url, connections: 16, overallRate: Number(rate), duration: 600, method: 'POST', headers: { 'content-type': 'application/json', authorization }, body });
    running.on('response', (_client, statusCode) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  } else if (line === 'stop' && running) {
    running.stop();
    running = undefined;
    process.stdout.write(`${JSON.stringify(statuses)}\n`);
  }
});
process.stdout.write('ready\n');
