/**
 * The cycle year after year, through the real HTTP edge, CloudAdapter and runner with a local Bot
 * Connector: the anniversary-passed reminder asks "did you renew?" with three buttons that a channel
 * member presses, and with nobody pressing anything the next cycle's reminders still go out.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cardText } from '../cards/card-text.js';
import { makeActivity } from '../support/activities.js';
import type { TestApp } from '../support/test-app.js';
import { channelPosts, postedTitles, startReminderApp, TENANT } from './reminder-app.js';

let t: TestApp;
afterEach(() => t?.stop());

// Berlin, anniversary 2027-02-28: reminders go out from 09:00 there (08:00 UTC in winter).
const pass = async (iso: string) => {
  t.setNow(iso);
  return t.app.reminders.runPass({ now: new Date(iso) });
};

/** A button pressed in the team channel: Teams posts its data as the message's value. */
async function press(data: unknown, aadObjectId = 'aad-megan'): Promise<string> {
  const activity = makeActivity('channel-message-with-mention', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, aadObjectId, value: data });
  delete activity.text;
  const cards = await t.ask(activity);
  return cards.map((card) => cardText({ content: card })).join('\n');
}

const buttonsOf = (posted: { body: Record<string, unknown> }) =>
  ((posted.body.attachments as { content: { actions?: { title: string; data: unknown }[] } }[])[0]?.content.actions ?? []).map((action) => ({ title: action.title, data: action.data }));

describe('the cycle rolls over by itself', () => {
  it('sends the second and third years\' window-open and two-weeks reminders with nobody pressing anything', async () => {
    t = await startReminderApp({ now: '2027-03-01T08:00:00Z' });
    await pass('2027-03-01T08:00:00Z');
    expect(postedTitles(t)).toEqual(['The membership expired on February 28, 2027']);
    const asked = cardText({ content: (channelPosts(t)[0]?.body.attachments as { content: unknown }[])[0]?.content });
    expect(asked).toContain('With no answer by March 30, 2027, it assumes you did and plans its reminders for the next anniversary, February 28, 2028');
    for (const moment of ['2027-03-30T08:00:00Z', '2027-03-31T08:00:00Z', '2027-11-29T08:00:00Z']) await pass(moment);
    expect(postedTitles(t)).toHaveLength(1); // the grace day and the days up to the window send nothing
    await pass('2027-11-30T08:00:00Z');
    await pass('2028-02-14T08:00:00Z');
    await pass('2028-02-29T08:00:00Z');
    await pass('2028-11-30T08:00:00Z');
    await pass('2029-02-14T08:00:00Z');
    expect(postedTitles(t)).toEqual([
      'The membership expired on February 28, 2027',
      'The renewal window is open',
      'Two weeks left: complete the renewal now',
      'The membership expired on February 28, 2028',
      'The renewal window is open',
      'Two weeks left: complete the renewal now',
    ]);
    // The anniversary card says which anniversary the bot now assumes, and how to correct it.
    t.setNow('2029-02-15T12:00:00Z');
    const card = await press({ ask: 'anniversary' });
    expect(card).toContain('Nobody said whether the membership was renewed for its February 28, 2028 anniversary, so the bot assumes it was and now counts to February 28, 2029.');
    expect(card).toContain('We did not renew');
  });
});

describe('"did you renew?" in the channel', () => {
  it('"We renewed" on the reminder moves the organization to next year once, and updates the reminder in place', async () => {
    t = await startReminderApp({ now: '2027-03-01T08:00:00Z' });
    await pass('2027-03-01T08:00:00Z');
    const [posted] = channelPosts(t);
    const buttons = buttonsOf(posted as never);
    expect(buttons.map((button) => button.title)).toEqual(['We renewed', 'We did not renew', 'The date changed', 'Get support']);
    t.setNow('2027-03-02T10:00:00Z');
    const first = await press(buttons[0]?.data);
    expect(first).toContain('Membership expires\nFebruary 28, 2028 (anniversary date)');
    // A second click (or a click from the other replica's copy of the card) changes nothing.
    const second = await press(buttons[0]?.data);
    expect(second).toContain('February 28, 2028 (anniversary date)');
    expect((await t.app.storage.getOrganization(TENANT))?.renewedCycles).toBe(1);
    t.connector.reset();
    await pass('2027-03-02T10:00:00Z');
    expect(t.connector.sent.map((sent) => sent.method)).toEqual(['PUT']);
    expect(JSON.stringify(t.connector.sent[0]?.body)).toContain('Renewal recorded:');
  });

  it('"We did not renew" stops the cycle\'s reminders until a new anniversary is set', async () => {
    t = await startReminderApp({ now: '2027-03-01T08:00:00Z' });
    await pass('2027-03-01T08:00:00Z');
    const buttons = buttonsOf(channelPosts(t)[0] as never);
    t.setNow('2027-03-03T10:00:00Z');
    const answer = await press(buttons[1]?.data);
    expect(answer).toContain('Not renewed');
    expect(answer).toContain('it sends no more reminders until a new anniversary date is set');
    t.connector.reset();
    await pass('2027-03-03T10:00:00Z');
    expect(JSON.stringify(t.connector.sent[0]?.body)).toContain('Not renewed: Alex Wilber said on March 3, 2027 that the membership was not renewed');
    t.connector.reset();
    for (const moment of ['2027-03-31T08:00:00Z', '2027-11-30T08:00:00Z', '2028-02-14T08:00:00Z', '2028-03-01T08:00:00Z']) await pass(moment);
    expect(t.connector.sent).toEqual([]);
    // "The date changed" opens the form on the date; a new anniversary starts the reminders again.
    t.setNow('2028-03-02T10:00:00Z');
    expect(await press(buttons[2]?.data)).toContain('Enter the anniversary date the partner portal shows now and save');
    const org = await t.app.storage.getOrganization(TENANT);
    await t.app.storage.saveOrganization({ ...org!, anniversaryDate: '2028-06-30', renewedCycles: 0, notRenewedCycle: undefined });
    await pass('2028-04-01T08:00:00Z');
    expect(postedTitles(t)).toEqual(['The renewal window is open']);
  });

  it('refuses the answer from someone who may not manage the renewal, and a button naming another anniversary', async () => {
    t = await startReminderApp({ now: '2027-03-02T10:00:00Z' });
    const refused = await press({ ask: 'not-renewed', cycle: '2027-02-28' }, 'aad-mallory');
    // The refusal names the action and who can do it, not the profile.
    expect(refused).toContain('Only an admin or the Primary Program Contact can answer for the renewal');
    expect(refused).toMatch(/Your Primary Program Contact is .+ \(.+@.+\)\./);
    expect(refused).not.toContain('change the profile');
    expect(await press({ ask: 'mark-renewed', cycle: '2026-03-01' })).toContain('That card is out of date');
    expect(await press({ ask: 'mark-renewed', cycle: 'not a date' })).toContain('I do not know that button');
    const org = await t.app.storage.getOrganization(TENANT);
    expect(org).toMatchObject({ renewedCycles: 0 });
    expect(org?.notRenewedCycle).toBeUndefined();
  });
});
