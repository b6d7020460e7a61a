/** Rewrites the README's transcript from real output: `npx tsx test/domain/write-readme-transcript.ts`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { README, renderTranscript, withTranscript } from './readme-transcript.js';

const readme = readFileSync(README, 'utf8');
writeFileSync(README, withTranscript(readme, await renderTranscript()));
console.log('README.md transcript regenerated');
