/**
 * Every card the bot sends fits in one Teams message (28 KB for the activity) for the largest profile
 * the schema accepts: 500 customer references and 2,000 certifications with 200-character names, 50
 * competencies outside the catalog besides its five. Measured at the connector (the invoke answer for
 * Action.Execute), through the real HTTP edge. Long lists are paged or summarized, and every item
 * stays reachable: the tests press the paging buttons and find each one. Before cards were fitted the
 * checklist was 576 KB, the setup form 621 KB and the contact's two-week reminder 332 KB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/rules/catalog/catalog.js';
import { checklistItems } from '../../src/rules/checklist/checklist.js';
import { OrganizationSchema, withCatalogChecks, type Organization } from '../../src/rules/organization/organization.js';
import { cardText } from '../cards/card-text.js';
import { elements, type Json } from '../cards/card-inspection.js';
import { makeActivity } from '../support/activities.js';
import { actAsTeams } from '../support/fake-teams.js';
import type { SentActivity } from '../support/fake-connector.js';
import { largestOrganization, PROFILE_LIMITS } from '../support/largest-profile.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { recordStat } from '../support/verify-stats.js';
import { CHANNEL, installInTeam } from '../reminders/reminder-app.js';

const TENANT = 'aaaaaaaa-0000-0000-0000-00000000000a';
/** Teams refuses an activity over 28 KB. */
const TEAMS_ACTIVITY_LIMIT = 28 * 1024;
const MEGAN = 'aad-megan';
const catalog = defaultCatalog();

/** The largest activity measured per card, for the summary printed at the end. */
const largest = new Map<string, number>();
let activitiesMeasured = 0;
function measured(label: string, body: unknown): void {
  const bytes = Buffer.byteLength(JSON.stringify(body), 'utf8');
  activitiesMeasured++;
  expect(bytes, `${label}: ${bytes} B`).toBeLessThan(TEAMS_ACTIVITY_LIMIT);
  largest.set(label, Math.max(largest.get(label) ?? 0, bytes));
}

afterAll(() => {
  const rows = [...largest].sort((a, b) => b[1] - a[1]);
  console.log(`largest profile, activity bytes at the connector (limit ${TEAMS_ACTIVITY_LIMIT}):\n${rows.map(([label, bytes]) => `${String(bytes).padStart(7)}  ${label}`).join('\n')}`);
  recordStat('cards.largestProfile.activities', activitiesMeasured);
  recordStat('cards.largestProfile.cards', rows.length);
  if (rows[0]) recordStat('cards.largestProfile.maxBytes', rows[0][1]);
});

let t: TestApp;
let org: Organization;

async function start(now = '2026-12-02T10:00:00Z'): Promise<void> {
  t = await startTestApp({ now, env: { REMINDER_CONVERSATION_LIMITS: 'off', REMINDER_TENANT_LIMITS: 'off' } });
  org = largestOrganization(TENANT);
  await t.app.storage.saveOrganization(org);
}

/** A message (typed text or a button's data) in Megan's 1:1 chat; the one card answered, measured at the connector. */
async function answer(label: string, message: { text?: string; value?: unknown }, fixture: 'personal-message' | 'channel-message-with-mention' = 'personal-message'): Promise<Json> {
  const activity = makeActivity(fixture, { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, aadObjectId: MEGAN, ...message });
  if (fixture === 'channel-message-with-mention') activity.conversation.id = `${CHANNEL};messageid=1795549364495`;
  if (message.text === undefined) delete activity.text;
  const before = t.connector.sent.length;
  const cards = await t.ask(activity);
  expect(cards, label).toHaveLength(1);
  measured(label, t.connector.sent[before]!.body);
  return cards[0] as Json;
}

/** An Action.Execute: the card comes back in the invoke's answer, measured there. */
async function execute(label: string, verb: string, data: unknown): Promise<Json> {
  const activity = makeActivity('personal-invoke-adaptive-card-action', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, aadObjectId: MEGAN, value: { action: { type: 'Action.Execute', verb, data } } });
  activity.from = { ...activity.from, name: 'Megan Bowen' };
  const response = await t.post(activity);
  expect(response.status).toBe(200);
  measured(label, response.body);
  return response.body.value as Json;
}

const actions = (card: Json) => elements(card).filter((element) => String(element.type).startsWith('Action.'));
const button = (card: Json, title: string) => actions(card).find((action) => action.title === title);
const textOf = (card: Json) => cardText({ content: card });

describe('the largest profile', () => {
  it('is the largest the schema accepts: one more item in any list, or one more character in a name, is refused', () => {
    const schema = withCatalogChecks(OrganizationSchema, catalog);
    const profile = largestOrganization(TENANT);
    expect(schema.safeParse(profile).success).toBe(true);
    expect(profile.customerReferences).toHaveLength(PROFILE_LIMITS.customerReferences);
    expect(profile.certifications).toHaveLength(PROFILE_LIMITS.certifications);
    const tooLarge: Partial<Organization>[] = [
      { customerReferences: [...profile.customerReferences, profile.customerReferences[0]!] },
      { certifications: [...profile.certifications, profile.certifications[0]!] },
      { otherCompetencies: [...profile.otherCompetencies, { name: 'One more', level: 'gold' }] },
      { name: `${profile.name}x` },
      { customerReferences: [{ ...profile.customerReferences[0]!, customer: `${profile.customerReferences[0]!.customer}x` }] },
      { certifications: [{ ...profile.certifications[0]!, person: `${profile.certifications[0]!.person}x` }] },
      { otherCompetencies: profile.otherCompetencies.map((other, index) => (index === 10 ? { ...other, name: `${other.name}x` } : other)) },
    ];
    for (const change of tooLarge) expect(schema.safeParse({ ...profile, ...change }).success, Object.keys(change)[0]).toBe(false);
  });
});

describe('every answer to a question fits', () => {
  beforeAll(() => start());
  afterAll(() => t.stop());

  it('help, anniversary, requirements, contact, support, calls, calendar, welcome', async () => {
    const typed = ['help', 'when is our anniversary', 'requirements', 'who is our program contact', 'am I the primary contact', 'how do I get support', 'calls', 'calendar link', 'new calendar link', 'what is the weather', 'stop personal reminders', 'start personal reminders'];
    for (const text of typed) expect(textOf(await answer(text, { text }))).not.toContain('Error code');
    await answer('post reminders here (channel)', { text: 'post reminders here' }, 'channel-message-with-mention');
  });

  it("requirements: every competency's own card fits and shows its details, the lists shortened", async () => {
    const card = await answer('requirements', { text: 'requirements' });
    const choices = elements(card).find((element) => element.type === 'Input.ChoiceSet')?.choices as { value: string }[];
    expect(choices).toHaveLength(5 + PROFILE_LIMITS.otherCompetencies);
    for (const { value } of choices) {
      const own = await answer('requirements of one competency', { value: { ask: 'requirements', competencyId: value } });
      const text = textOf(own);
      expect(text, value).toContain('Customer evidence');
      // Its details are on the card, not behind a "Details" button asking for the same card again.
      expect(actions(own).filter((action) => action.title === 'Details').map((action) => action.type)).toEqual(['Action.ToggleVisibility']);
    }
    const cloudPlatform = textOf(await answer('requirements of one competency', { value: { ask: 'requirements', competencyId: 'cloud-platform', level: 'silver' } }));
    expect(cloudPlatform).toMatch(/And \d+ more that may delay the renewal\./);
    expect(cloudPlatform).toMatch(/Counting: .*; and \d+ more\./);
  });

  it('requirements: every reference that may delay the renewal, every expired one and every certified person is on a page of its list', async () => {
    const own = await answer('requirements of one competency', { value: { ask: 'requirements', competencyId: 'cloud-platform' } });
    const lists = [
      { title: /^All (\d+) that may delay it$/, word: 'expires on' },
      { title: /^All (\d+) expired references$/, word: 'expired' },
      { title: /^All (\d+) certified people$/, word: '(70-533)' },
    ];
    for (const list of lists) {
      const open = actions(own).find((action) => list.title.test(String(action.title)));
      const total = Number(list.title.exec(String(open?.title))?.[1]);
      expect(total, String(list.title)).toBeGreaterThan(3);
      const seen: string[] = [];
      let page = await answer('evidence list page', { value: open!.data });
      let pages = 1;
      for (;;) {
        const items = elements(page).filter((element) => element.type === 'ColumnSet').map((row) => textOf(row).replace(/^•\n/, ''));
        expect(items.length).toBeGreaterThan(0);
        seen.push(...items);
        const next = button(page, 'Next');
        if (!next) break;
        page = await answer('evidence list page', { value: next.data });
        pages++;
      }
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      for (const item of seen) expect(item).toContain(list.word);
      if (total < 50) continue;
      expect(pages).toBeGreaterThan(1);
      // Going back from the last page gives the items just before it.
      const previous = await answer('evidence list page', { value: button(page, 'Previous')!.data });
      expect(textOf(previous)).toContain(seen[seen.length - elements(page).filter((element) => element.type === 'ColumnSet').length - 1]!);
    }
  });
});

describe('the checklist fits, page by page, and every item can be ticked', () => {
  beforeAll(() => start());
  afterAll(() => t.stop());

  const itemsOf = (card: Json) => actions(card).filter((action) => action.verb === 'checklist.toggle').map((action) => (action.data as Json).itemId as string);

  async function walk(first: Json): Promise<{ ids: string[]; pages: Json[] }> {
    const ids: string[] = [];
    const pages: Json[] = [];
    let page: Json | undefined = first;
    while (page) {
      pages.push(page);
      ids.push(...itemsOf(page));
      const next = button(page, 'Next items');
      page = next ? await execute('checklist page', String(next.verb), next.data) : undefined;
    }
    return { ids, pages };
  }

  it('90 days before and 2 weeks before: "Next items" reaches every item, each page in one message', async () => {
    // The guide's 7 items, one per reference (all expiring), and the organization's blockers (checklist.ts).
    const itemsOn = (today: string) => checklistItems(org, '2027-02-28', today, catalog).length;
    for (const [now, phase] of [['2026-12-02T10:00:00Z', '90 days'], ['2027-02-20T10:00:00Z', '2 weeks']] as const) {
      t.setNow(now);
      const total = itemsOn(now.slice(0, 10));
      expect(total).toBeGreaterThan(7 + PROFILE_LIMITS.customerReferences);
      const first = await answer(`checklist (${phase})`, { text: 'checklist' });
      expect(textOf(first)).toContain(`0 of ${total} done`);
      expect(textOf(first)).toMatch(new RegExp(`Items 1–\\d+ of ${total}`));
      const { ids, pages } = await walk(first);
      expect(ids).toHaveLength(total);
      expect(new Set(ids).size).toBe(total);
      expect(pages.length).toBeGreaterThan(1);
      expect(textOf(pages[1]!)).toContain("From your organization's data (continued)");
    }
    t.setNow('2026-12-02T10:00:00Z');
  });

  it('a tick on a later page answers with that page, the item ticked; the refresh keeps the page', async () => {
    const first = await answer('checklist (90 days)', { text: 'checklist' });
    const second = await execute('checklist page', 'checklist.refresh', button(first, 'Next items')!.data);
    const tick = actions(second).find((action) => action.verb === 'checklist.toggle')!;
    const ticked = await execute('checklist tick', 'checklist.toggle', tick.data);
    expect(itemsOf(ticked)).toEqual(itemsOf(second));
    expect(textOf(ticked)).toContain('Ticked by Megan Bowen');
    expect(textOf(ticked)).toContain(`1 of ${checklistItems(org, '2027-02-28', '2026-12-02', catalog).length} done`);
    const refreshed = await execute('checklist refresh', 'checklist.refresh', (ticked.refresh as Json & { action: Json }).action.data);
    expect(itemsOf(refreshed)).toEqual(itemsOf(second));
    const back = await execute('checklist page', 'checklist.refresh', button(second, 'Previous items')!.data);
    expect(itemsOf(back)[0]).toBe(itemsOf(first)[0]);
  });
});

describe('the setup form fits, part by part, and a save keeps the lines it does not show', () => {
  beforeAll(() => start());
  afterAll(() => t.stop());

  type Form = { card: Json; values: Record<string, string>; submit: Json };
  /** What the form holds: its input values and the data its Save button sends. */
  function formOf(card: Json): Form {
    const values = Object.fromEntries(elements(card).filter((element) => String(element.type).startsWith('Input.')).map((input) => [String(input.id), String(input.value ?? '')]));
    return { card, values, submit: button(card, 'Save profile')!.data as Json };
  }
  /** Saves as Teams does: the button's data with every input's value merged in. */
  const save = (label: string, form: Form, changes: Record<string, string> = {}) => execute(label, 'profile.save', { ...form.submit, ...form.values, ...changes });
  const lines = (text: string) => text.split('\n');

  it('"setup" opens the form with the first lines of each list; "Next" reaches every reference and certification', async () => {
    const form = formOf(await answer('setup form', { text: 'setup' }));
    expect(textOf(form.card)).toMatch(/References 1–\d+ of 500 are shown/);
    for (const [field, title, total] of [['customerReferences', 'Next references', 500], ['certifications', 'Next certifications', 2000]] as const) {
      const seen: string[] = [];
      let page: Form | undefined = form;
      while (page) {
        seen.push(...lines(page.values[field]!));
        const next = button(page.card, title);
        page = next ? formOf(await answer('setup form', { value: next.data })) : undefined;
      }
      expect(seen, field).toHaveLength(total);
      const stored = field === 'customerReferences' ? org.customerReferences.map((r) => `${r.customer}; ${r.competency}; ${r.approvedOn}`) : org.certifications.map((c) => `${c.person}; ${c.exam}; ${c.passedOn}`);
      expect(seen).toEqual(stored);
    }
  });

  it('saving a later part replaces the lines shown and keeps every other line of every list', async () => {
    const first = formOf(await answer('setup form', { text: 'setup' }));
    const form = formOf(await answer('setup form', { value: button(first.card, 'Next references')!.data }));
    const shown = lines(form.values.customerReferences!);
    const from = (form.submit.windows as Record<string, { from: number }>).customerReferences!.from;
    expect(from).toBe(lines(first.values.customerReferences!).length);
    // The first line shown is renamed, the second removed and one added at the end (the list holds 500 at most).
    const edited = [`Renamed customer; cloud-platform; 2025-06-01`, ...shown.slice(2), 'Added customer; cloud-crm; 2026-06-01'].join('\n');
    const saved = await save('profile saved', form, { customerReferences: edited });
    expect(textOf(saved)).toContain('Profile saved');
    const after = (await t.app.storage.getOrganization(TENANT))!;
    expect(after.customerReferences).toHaveLength(500);
    expect(after.customerReferences.slice(0, from)).toEqual(org.customerReferences.slice(0, from));
    expect(after.customerReferences[from]).toEqual({ customer: 'Renamed customer', competency: 'cloud-platform', approvedOn: '2025-06-01' });
    expect(after.customerReferences.slice(from + 1, from + shown.length - 1)).toEqual(org.customerReferences.slice(from + 2, from + shown.length));
    expect(after.customerReferences[from + shown.length - 1]).toEqual({ customer: 'Added customer', competency: 'cloud-crm', approvedOn: '2026-06-01' });
    expect(after.customerReferences.slice(from + shown.length)).toEqual(org.customerReferences.slice(from + shown.length));
    expect(after.certifications).toEqual(org.certifications);
    expect(after.otherCompetencies).toEqual(org.otherCompetencies);
    org = after;
  });

  it('refuses to save over lines that changed since the form was opened, writes nothing and shows the lists as they are now', async () => {
    const form = formOf(await answer('setup form', { text: 'setup' }));
    const changed = { ...org, certifications: org.certifications.slice(1) };
    await t.app.storage.saveOrganization(changed);
    const answered = await save('setup form, lists changed since', form);
    expect(textOf(answered)).toContain('The certifications changed since this form was opened');
    expect(await t.app.storage.getOrganization(TENANT)).toEqual(expect.objectContaining({ certifications: changed.certifications, customerReferences: org.customerReferences }));
    expect(lines(formOf(answered).values.certifications!)[0]).toBe(`${changed.certifications[0]!.person}; 70-346; 2026-01-15`);
    org = (await t.app.storage.getOrganization(TENANT))!;
  });

  it('a refused submit with more lines than fit comes back cut to what fits, saying so', async () => {
    const form = formOf(await answer('setup form', { text: 'setup' }));
    // 1,000 certification lines (the form takes 100,000 characters), one of them wrong.
    const pasted = Array.from({ length: 1000 }, (_, index) => `Person ${index} ${'y'.repeat(60)}; 70-533; ${index === 999 ? '2026-02-30' : '2026-01-15'}`).join('\n');
    const answered = await save('setup form, refused with long lists', form, { certifications: pasted });
    expect(textOf(answered)).toContain('nothing was saved');
    expect(textOf(answered)).toContain('had too many lines to show again in one message');
    expect(await t.app.storage.getOrganization(TENANT)).toEqual(org);
  });
});

describe('every reminder fits, in the channel and in the contact\'s 1:1 chat', () => {
  beforeAll(async () => {
    await start();
    await installInTeam(t);
    actAsTeams(t.connector, { 'team-id': { [MEGAN]: '29:megan' } });
  });
  afterAll(() => t.stop());

  const posts = (sent: SentActivity[]) => sent.filter((request) => request.path.includes('/activities'));
  const titleOf = (sent: SentActivity) => textOf((sent.body.attachments as { content: Json }[])[0]!.content).split('\n')[1] ?? '';

  it('window open (with one reminder per expiring reference), two weeks left, and the anniversary passed', async () => {
    const kinds = new Set<string>();
    for (const [now, label] of [['2026-11-30T12:00:00Z', 'window open'], ['2027-02-14T12:00:00Z', 'two weeks'], ['2027-03-01T12:00:00Z', 'expired']] as const) {
      const before = t.connector.sent.length;
      await t.app.reminders.runPass({ now: new Date(now) });
      const sent = posts(t.connector.sent.slice(before));
      expect(sent.length, label).toBeGreaterThan(0);
      for (const request of sent) {
        const where = request.conversationId.startsWith(CHANNEL) ? 'channel' : '1:1 chat';
        const kind = request.method === 'PUT' ? 'update' : titleOf(request).startsWith('A customer reference') ? 'reference' : label;
        kinds.add(`${kind} (${where})`);
        measured(`reminder: ${kind} (${where}, ${request.method})`, request.body);
      }
    }
    expect([...kinds]).toEqual(expect.arrayContaining(['reference (channel)', 'reference (1:1 chat)', 'two weeks (channel)', 'two weeks (1:1 chat)', 'expired (channel)', 'expired (1:1 chat)', 'update (channel)']));
  }, 180_000);

  it("the contact's two-week reminder names the first open items and blockers and says how many more", async () => {
    const chat = t.connector.sent.filter((request) => request.method === 'POST' && !request.conversationId.startsWith(CHANNEL) && request.path.includes('/activities'));
    const twoWeeks = chat.map((request) => textOf((request.body.attachments as { content: Json }[])[0]!.content)).find((text) => text.includes('Still open on the renewal checklist'));
    expect(twoWeeks).toMatch(/And \d+ more: open the checklist to see and tick them\./);
    expect(twoWeeks).toContain('Open the checklist');
  });

  it('the checklist in the reminder channel is updated in place by a tick, in one message', async () => {
    await answer('checklist (channel)', { text: 'checklist' }, 'channel-message-with-mention');
    const first = await answer('checklist (90 days)', { text: 'checklist' });
    await execute('checklist tick', 'checklist.toggle', actions(first).find((action) => action.verb === 'checklist.toggle')!.data);
    const before = t.connector.sent.length;
    // Every reminder went out in the passes above: this one only updates the channel's checklist.
    expect((await t.app.reminders.runPass({ now: new Date('2027-03-01T12:05:00Z') })).updates.updated).toBe(1);
    const puts = t.connector.sent.slice(before).filter((sent) => sent.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(textOf((puts[0]!.body.attachments as { content: Json }[])[0]!.content)).toContain(`1 of ${checklistItems(org, '2027-02-28', '2026-12-02', catalog).length} done`);
    measured('checklist update (channel, PUT)', puts[0]!.body);
  });
});
