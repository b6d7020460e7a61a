/**
 * Every cache keyed by something a request can influence stays bounded: time zone names from Teams
 * (any casing, any junk) and stored profiles of any size.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { organizationRow, parsedProfiles, PARSED_PROFILES_BUDGET_CHARS } from '../../src/storage/organization-row.js';
import { cachedZoneCount, calendarDateIn, canonicalTimeZone, isTimeZone } from '../../src/rules/common/plain-date.js';
import { makeActivity } from '../support/activities.js';
import { makeOrganization } from '../support/organizations.js';
import { largestOrganization } from '../support/largest-profile.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { recordStat } from '../support/verify-stats.js';

const TENANT = 'aaaaaaaa-0000-0000-0000-00000000000a';
const ZONES_THE_RUNTIME_KNOWS = Intl.supportedValuesOf('timeZone').length;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.storage.saveOrganization(makeOrganization({ tenantId: TENANT }));
});
afterAll(() => t.stop());

const randomCasing = (name: string) => fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }).map((upper) => [...name].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(''));

it('keeps one cached zone per real zone, whatever casings and junk the readers time zones carry', async () => {
  const names = fc.sample(fc.oneof(randomCasing('Europe/Berlin'), randomCasing('America/Los_Angeles'), fc.string({ maxLength: 40 }), fc.stringMatching(/^[A-Za-z][A-Za-z/_]{3,30}$/)), 3_000);
  for (const name of names) {
    if (isTimeZone(name)) {
      expect(canonicalTimeZone(name).toLowerCase()).toBe(canonicalTimeZone(canonicalTimeZone(name)).toLowerCase());
      expect(calendarDateIn(new Date('2026-12-01T12:00:00Z'), name)).toMatch(/^2026-12-0[12]$/); // a formatter per zone, whatever the casing
    }
  }
  // Through the real edge too: Teams' localTimezone is the reader's zone.
  for (const name of names.slice(0, 300)) {
    const activity = makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, text: 'calls' });
    activity.localTimezone = name;
    expect((await t.post(activity)).status).toBe(200);
  }
  recordStat('caches.zoneNamesTried', names.length + 300);
  expect(canonicalTimeZone('EUROPE/BERLIN')).toBe('Europe/Berlin');
  // The runtime's zones plus the links (US/Pacific…) that resolved, at most.
  expect(cachedZoneCount().names).toBeLessThan(ZONES_THE_RUNTIME_KNOWS + 700);
  // Formatters are keyed by the canonical name only: a handful of zones were used, whatever the casings.
  expect(cachedZoneCount().formatters).toBeLessThan(20);
}, 60_000);

it('keeps parsed profiles within a budget of text, however large the profiles are', () => {
  const references = (n: number) => Array.from({ length: n }, (_, i) => ({ customer: `Customer ${i} ${'x'.repeat(60)}`, competency: 'cloud-platform', approvedOn: '2025-06-01' }));
  const profiles = parsedProfiles();
  for (let i = 0; i < 200; i++) {
    const { profile } = organizationRow(makeOrganization({ tenantId: `tenant-${i}`, name: `Org ${i}`, customerReferences: references(500) }), new Date('2026-11-25T00:00:00Z'));
    expect(profiles.read(`tenant-${i}`, profile).name).toBe(`Org ${i}`);
    expect(profiles.keptChars).toBeLessThanOrEqual(PARSED_PROFILES_BUDGET_CHARS);
  }
  expect(profiles.keptChars).toBeGreaterThan(0);
  // What the budget means for a reader: the latest profile is handed out again as the same object,
  // the first ones were let go (parsed anew, equal but not the same object), and one larger than a
  // sixteenth of the budget is never kept.
  const profileOf = (i: number) => organizationRow(makeOrganization({ tenantId: `tenant-${i}`, name: `Org ${i}`, customerReferences: references(500) }), new Date('2026-11-25T00:00:00Z')).profile;
  expect(profiles.read('tenant-199', profileOf(199))).toBe(profiles.read('tenant-199', profileOf(199)));
  const first = profiles.read('tenant-0', profileOf(0));
  expect(profiles.read('tenant-0', profileOf(0))).toBe(first);
  for (let i = 1; i < 200; i++) profiles.read(`tenant-${i}`, profileOf(i));
  const again = profiles.read('tenant-0', profileOf(0));
  expect(again).toEqual(first);
  expect(again).not.toBe(first);
  const huge = organizationRow(largestOrganization('tenant-1000'), new Date('2026-11-25T00:00:00Z')).profile;
  expect(huge.length).toBeGreaterThan(PARSED_PROFILES_BUDGET_CHARS / 16);
  expect(profiles.read('tenant-1000', huge)).not.toBe(profiles.read('tenant-1000', huge));
});
