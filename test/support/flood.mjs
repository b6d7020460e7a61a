// Run as its own process during a flood test: POSTs the body in the file given as the third
// argument, with the Authorization header in the fourth, to the URL in the first, at the overall
// rate in the second (requests/s) over 16 connections until SIGTERM; then prints a JSON line of
// the status codes it got.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const [url, rate, bodyFile, authorization] = process.argv.slice(2);
const statuses = {};
const instance = autocannon({
  url,
  connections: 16,
  overallRate: Number(rate),
  duration: 600,
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization },
  body: readFileSync(bodyFile, 'utf8'),
});
instance.on('response', (_client, statusCode) => {
  statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
});
process.on('SIGTERM', () => {
  instance.stop();
  process.stdout.write(`${JSON.stringify(statuses)}\n`, () => process.exit(0));
});
