/**
 * The cards say what the guide says, with its hedges and its names, on every kind of day of a cycle
 * (issue: "cards true on every day of the cycle", items 4-7). Each question goes through the real HTTP
 * edge; each test cites the guide line it checks (`../shared/domain/renewal-guidance-2016.txt`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { askText, CONTOSO, MEGAN, seed } from './guide-app.js';

/** The days that matter in Contoso's cycle (anniversary February 28, 2027, Berlin), at noon UTC. */
const DAYS = {
  planning: '2026-11-25',
  windowOpens: '2026-11-30',
  inWindow: '2026-12-30',
  twoWeeks: '2027-02-14',
  anniversary: '2027-02-28',
  nightAfter: '2027-03-01',
  asking: '2027-03-20',
  assumed: '2027-04-15',
};
const QUESTIONS = ['when is our anniversary', 'requirements', 'checklist', 'am I the primary contact', 'how do I get support', 'calls', 'help'];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: '2026-11-25T12:00:00Z' });
  await seed(t);
});
afterAll(() => t.stop());

const ask = (text: string, options?: Parameters<typeof askText>[2]) => askText(t, text, options);
const on = (day: string) => t.setNow(`${day}T12:00:00Z`);
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Every card a member and the contact can ask for, on every day that matters. */
async function everyCard(): Promise<{ day: string; question: string; text: string }[]> {
  const cards = [];
  for (const day of Object.values(DAYS)) {
    on(day);
    for (const question of QUESTIONS) {
      for (const aadObjectId of ['aad-alex', MEGAN]) cards.push({ day, question, text: await ask(question, { aadObjectId }) });
    }
  }
  return cards;
}

describe('the guide says it, the cards say it (on every day of the cycle)', () => {
  let cards: Awaited<ReturnType<typeof everyCard>>;
  beforeAll(async () => {
    cards = await everyCard();
  });

  it('never labels two weeks before as a deadline: finishing early is recommended', () => {
    // guide line 41 ("complete the online renewal early so that you can address any unexpected issues")
    for (const { text } of cards) {
      expect(text).not.toMatch(/finish (the )?renewal by|deadline|are for finishing/i);
    }
  });

  it('names MPN Support, never a renamed support team', () => {
    // guide lines 11, 43, 50
    for (const { text } of cards) expect(text).not.toMatch(/program('s)? support team|partner support/i);
    on(DAYS.planning);
    return ask('how do I get support').then((support) => {
      expect(support).toContain('contact MPN Support: sign in to the Support page of the MPN portal');
      expect(support).toContain('Open the MPN Support page');
    });
  });

  it('keeps the hedges: the contact "should see", credentials "can take time", fees "any applicable"; no claim that references take time', () => {
    // guide lines 38, 33, 40, 31
    const all = cards.map((card) => card.text).join('\n');
    expect(all).toContain('the contact should see renewal information in the Partner Membership Center from 90 days before it');
    expect(all).not.toMatch(/(contact|you) (will see|sees) renewal information/i);
    expect(all).toContain('they can take time to complete');
    expect(all).not.toMatch(/credentials take time|references (can )?take time/i);
    expect(all).not.toMatch(/competency fees and exam fees may apply|budget for the competency fees/i);
    expect(all).toContain('any applicable competency fees or exam fees');
  });

  it('calls the customer satisfaction requirement CSAT, never a survey', () => {
    // guide line 19
    for (const { text } of cards) expect(text).not.toMatch(/survey/i);
  });

  it('offers a late-renewal path only as the bot\'s suggestion', () => {
    // The guide gives no path after the anniversary (lines 4, 11): anything said is marked as ours.
    const afterAnniversary = cards.filter((card) => card.day === DAYS.nightAfter && card.question === 'when is our anniversary');
    expect(afterAnniversary).toHaveLength(2);
    for (const { text } of afterAnniversary) expect(text).toContain("the guide gives no path after the anniversary; MPN Support can tell you your options (the bot's suggestion)");
    for (const { text } of cards) {
      expect(text).not.toMatch(/renew now or contact support/i);
      if (/after the anniversary.*(options|support)/i.test(text)) expect(text).toContain("the bot's suggestion");
    }
  });

  it('states the time zone once per card at most', () => {
    for (const { day, question, text } of cards) {
      const zones = text.match(/Europe\/Berlin|UTC\b/g) ?? [];
      expect(zones.length, `${question} on ${day}`).toBeLessThanOrEqual(1);
    }
  });

  it('never states a negative count', () => {
    // guide line 4: the anniversary is the day the membership expires; after it, "expired on".
    for (const { day, question, text } of cards) expect(text, `${question} on ${day}`).not.toMatch(/-\d+ days?/);
  });
});

describe('the welcome and the cards of each moment', () => {
  it('introduces the bot in under 50 words and says the welcome message is clicked', async () => {
    // guide line 4 ("click on the welcome message at the top right corner")
    on(DAYS.planning);
    const help = await ask('help');
    const intro = help.split('\n').find((line) => line.startsWith('I help your team'));
    expect(intro).toBeDefined();
    expect(words(intro!)).toBeLessThan(50);
    expect(await ask('how do I get support')).toContain('click the welcome message at the top right');
  });

  it('gives the contact the step of the moment, and after the anniversary the three answers', async () => {
    // guide lines 5-6 (before / in the window), 41 (complete it two weeks before), 4 (the day it expires)
    const step = async (day: string) => {
      on(day);
      return ask('am I the primary contact', { aadObjectId: MEGAN });
    };
    expect(await step(DAYS.planning)).toContain('The renewal window opens on November 30, 2026');
    expect(await step(DAYS.inWindow)).toContain('The renewal window is open, 60 days before your anniversary');
    expect(await step(DAYS.twoWeeks)).toContain('14 days left before your anniversary on February 28, 2027: complete the online renewal now');
    expect(await step(DAYS.anniversary)).toContain('Your membership expires today, February 28, 2027');
    const after = await step(DAYS.nightAfter);
    expect(after).toContain('Your membership expired on February 28, 2027. Did you renew?');
    for (const answer of ['We renewed', 'We did not renew', 'The date changed']) expect(after.split('\n')).toContain(answer);
  });

  it('offers the calendar file where it says to set a reminder, and a reminder for next year within the window', async () => {
    // guide lines 6, 39 (set a reminder) and 40 ("you can set a reminder for 2017")
    on(DAYS.planning);
    expect((await ask('when is our anniversary')).split('\n')).toContain('Calendar reminders (.ics)');
    on(DAYS.inWindow);
    const inWindow = await ask('when is our anniversary');
    expect(inWindow).toContain("You can also set a reminder for next year's renewal now");
    expect(inWindow.split('\n')).toContain('Calendar reminders (.ics)');
  });

  it('refuses "We renewed" from a member with who can answer it, not "only admins can change the profile"', async () => {
    on(DAYS.nightAfter);
    const refused = await ask('mark renewal done', { aadObjectId: 'aad-alex', tenantId: CONTOSO });
    expect(refused).toContain('Only an admin or the Primary Program Contact can answer for the renewal');
    expect(refused).toContain('Your Primary Program Contact is Megan Bowen');
    expect(refused).not.toContain('change the profile');
  });
});
