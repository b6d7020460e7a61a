/**
 * `npx tsx bench/profile-summary.ts FILE.cpuprofile [per]`: the summary `npm run bench` prints for its
 * profiles (self time by area and by function, our functions by inclusive time), for any profile;
 * with `per` (a count of turns or sends) also in µs per turn or send.
 */
import { summarizeProfile } from './profile.js';

const [file, perArgument] = process.argv.slice(2);
if (!file) throw new Error('usage: bench/profile-summary.ts FILE.cpuprofile [count]');
const per = Number(perArgument ?? 0);
const summary = summarizeProfile(file, { top: 30 });
const micros = (ms: number) => (per > 0 ? `${((ms * 1000) / per).toFixed(0).padStart(5)} µs` : '');
console.log(`${file}: ${summary.sampledMs.toFixed(0)} ms of CPU sampled (idle ${summary.idleMs.toFixed(0)} ms)${per > 0 ? `, ${micros(summary.sampledMs).trim()} per unit` : ''}`);
console.log('\nself time by area');
for (const area of summary.areas.slice(0, 25)) console.log(`${area.percent.toFixed(1).padStart(6)}% ${micros(area.selfMs)}  ${area.area}`);
console.log('\nself time by function');
for (const entry of summary.top) console.log(`${entry.percent.toFixed(1).padStart(6)}% ${micros(entry.selfMs)}  ${entry.name}  ${entry.location}`);
console.log('\nour functions by inclusive (synchronous) time');
for (const entry of summary.ourInclusive) console.log(`${entry.percent.toFixed(1).padStart(6)}% ${micros(entry.inclusiveMs)}  ${entry.name}  ${entry.location}`);
