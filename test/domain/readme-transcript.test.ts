/** The README's transcript is what the bot really answers: regenerate it when a card changes. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { README, renderTranscript, withTranscript } from './readme-transcript.js';

it('README transcript matches the cards the bot sends today (regenerate: npx tsx test/domain/write-readme-transcript.ts)', async () => {
  const readme = readFileSync(README, 'utf8');
  expect(readme).toBe(withTranscript(readme, await renderTranscript()));
});
