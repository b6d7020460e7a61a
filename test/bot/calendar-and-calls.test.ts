/**
 * The calendar file and the call series as a user reaches them from Teams: links in cards that
 * work, dates that an independent iCalendar parser reads back, times in the reader's zone.
 */
import ical from 'node-ical';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardText } from '../cards/card-text.js';
import { makeActivity } from '../support/activities.js';
import { makeOrganization } from '../support/organizations.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const TENANT = 'aaaaaaaa-0000-0000-0000-00000000000a';
let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ now: '2026-12-01T12:00:00Z', env: { PUBLIC_URL: 'https://renewal.contoso.example/' } });
  await t.app.storage.saveOrganization(makeOrganization({ tenantId: TENANT, timeZone: 'Europe/Berlin' }));
});
afterEach(() => t.stop());

async function say(text: string | undefined, extra: { aadObjectId?: string; localTimezone?: string | null; value?: unknown } = {}) {
  const activity = makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, text, aadObjectId: extra.aadObjectId, value: extra.value });
  if (text === undefined) delete activity.text;
  if (extra.localTimezone === null) {
    delete activity.localTimezone;
    activity.entities = [];
  } else if (extra.localTimezone) activity.localTimezone = extra.localTimezone;
  const cards = await t.ask(activity);
  return cards[0]!;
}

/** The public URL's path, fetched from the running test server instead. */
const fetchLocal = (publicLink: string) => fetch(publicLink.replace('https://renewal.contoso.example', t.app.url));

/** Presses a card's Action.Submit button by its title: a message carrying its data, as Teams sends it. */
function press(card: any, title: string, extra: { aadObjectId?: string } = {}) {
  const button = card.actions.find((action: { title: string }) => action.title === title);
  expect(button, `a "${title}" button`).toMatchObject({ type: 'Action.Submit' });
  return say(undefined, { ...extra, value: button.data });
}

const linkIn = (card: unknown) => cardText({ content: card }).match(/https:\/\/\S+\.ics/)?.[0];

describe('the renewal calendar from Teams', () => {
  it("the checklist's calendar button gets a link to a calendar file with the window-open and two-week days of this cycle and the next", async () => {
    const checklist = await say('checklist');
    expect(checklist.actions.filter((action: { type: string }) => action.type === 'Action.OpenUrl')).toEqual([]);
    const card = await press(checklist, 'Add to calendar (.ics)');
    const link = card.actions.find((action: { type: string }) => action.type === 'Action.OpenUrl').url as string;
    expect(linkIn(card)).toBe(link);
    expect(cardText({ content: card })).toContain('cannot show it again');
    expect(link).toMatch(/^https:\/\/renewal\.contoso\.example\/calendar\/[0-9a-f]{64}\/renewal\.ics$/);
    expect(link).not.toContain(TENANT);
    const response = await fetchLocal(link);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    const events = Object.values(ical.sync.parseICS(await response.text())).filter((entry) => entry?.type === 'VEVENT') as ical.VEvent[];
    const days = events.map((event) => `${event.start.getFullYear()}-${String(event.start.getMonth() + 1).padStart(2, '0')}-${String(event.start.getDate()).padStart(2, '0')}`).sort();
    expect(days).toEqual(['2026-11-30', '2027-02-14', '2027-11-30', '2028-02-14']);
    expect(events.every((event) => event.datetype === 'date')).toBe(true);
  });

  it('shows the link only on the card that made it: asked again, it says since when, and the link keeps working', async () => {
    const first = linkIn(await say('calendar link', { aadObjectId: 'aad-mallory' }))!;
    t.setNow('2026-12-20T12:00:00Z');
    const again = await say('calendar link', { aadObjectId: 'aad-mallory' });
    const text = cardText({ content: again });
    expect(linkIn(again)).toBeUndefined();
    expect(text).not.toContain('/calendar/');
    expect(text).toContain('already has a calendar link, made on December 1, 2026');
    // Only an admin or the Primary Program Contact may replace it; anyone else is told who can.
    expect(text).toContain('an admin or the Primary Program Contact can say "new calendar link"');
    expect(again.actions.map((action: { title: string }) => action.title)).not.toContain('Make a new link');
    expect((await fetchLocal(first)).status).toBe(200);
  });

  it("offers an admin a new link, whose button retires the old one", async () => {
    const before = linkIn(await say('calendar link'))!;
    expect((await fetchLocal(before)).status).toBe(200);
    const again = await say('calendar link', { aadObjectId: 'aad-megan' });
    expect(linkIn(again)).toBeUndefined();
    const rotatedCard = await press(again, 'Make a new link', { aadObjectId: 'aad-megan' });
    expect(cardText({ content: rotatedCard })).toContain('The old link no longer works');
    const rotated = linkIn(rotatedCard)!;
    expect(rotated).not.toBe(before);
    expect((await fetchLocal(before)).status).toBe(404);
    expect((await fetchLocal(rotated)).status).toBe(200);
  });

  it('lets an admin rotate the link by saying so: the old one then answers 404', async () => {
    const before = linkIn(await say('calendar link'))!;
    const rotated = linkIn(await say('rotate calendar link', { aadObjectId: 'aad-megan' }))!;
    expect(rotated).not.toBe(before);
    expect((await fetchLocal(before)).status).toBe(404);
    expect((await fetchLocal(rotated)).status).toBe(200);
  });

  it('refuses to rotate for someone who is not an admin', async () => {
    expect(cardText({ content: await say('rotate calendar link', { aadObjectId: 'aad-mallory' }) })).toContain('Only an admin or the Primary Program Contact can replace the calendar link');
  });

  it('answers 404 to a made-up token', async () => {
    expect((await fetch(`${t.app.url}/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/renewal.ics`)).status).toBe(404);
  });
});

describe('the competency call series', () => {
  // While the series runs: its first call (January 13, 2016) is over, the others are ahead.
  beforeEach(() => t.setNow('2016-01-25T12:00:00Z'));

  it("shows 9:30 AM Pacific in the reader's own zone, saying which zone", async () => {
    const text = cardText({ content: await say('when are the competency calls', { localTimezone: 'Asia/Tokyo' }) });
    expect(text).toContain('Asia/Tokyo');
    expect(text).toContain('Thursday, January 14, 2016, 2:30 AM'); // Wednesday 9:30 AM in Los Angeles
  });

  it("falls back to the organization's zone when Teams sends none, and says so", async () => {
    const text = cardText({ content: await say('calls', { localTimezone: null }) });
    expect(text).toContain('Europe/Berlin');
    expect(text).toContain("your organization's time zone");
    expect(text).toContain('Wednesday, January 13, 2016, 6:30 PM');
    expect(text).toContain('Past');
  });

  it('says in one line when the series ran once every call is over, with no calendar buttons', async () => {
    t.setNow('2026-12-01T12:00:00Z');
    const card = await say('calls');
    expect(cardText({ content: card })).toContain('All 5 calls of the series took place, from January 13, 2016 to February 17, 2016.');
    expect(JSON.stringify(card)).not.toContain('Add to calendar');
  });
});
