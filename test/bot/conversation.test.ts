/**
 * People asking the bot in Teams, through the real server and CloudAdapter over HTTP, with the
 * replies read back from the local Bot Connector.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardText } from '../cards/card-text.js';
import { makeActivity, MESSAGE_SCOPES } from '../support/activities.js';
import { makeOrganization } from '../support/organizations.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const TENANT = '00000000-0000-0000-0000-0000000000001';

describe('questions in every scope', () => {
  let t: TestApp;
  beforeAll(async () => {
    // 2026-11-30 is exactly 90 days before the 2027-02-28 anniversary.
    t = await startTestApp({ now: '2026-11-30T10:00:00Z' });
    await t.app.storage.saveOrganization(
      makeOrganization({
        tenantId: TENANT,
        customerReferences: [
          { customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-01-10' },
          { customer: 'Northwind Traders', competency: 'cloud-platform', approvedOn: '2026-03-02' },
        ],
      }),
    );
  });
  afterAll(() => t.stop());

  for (const { scope, fixture } of MESSAGE_SCOPES) {
    const ask = async (text: string) => {
      const cards = await t.ask(makeActivity(fixture, { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, text }));
      expect(cards).toHaveLength(1);
      return cardText({ content: cards[0] });
    };

    describe(`in a ${scope}`, () => {
      it('tells the anniversary date and that the window is open with exactly 90 days left', async () => {
        const text = await ask('When is our anniversary?');
        expect(text).toContain('February 28, 2027');
        expect(text).toContain('90 days left: the renewal window is open.');
      });

      it('counts the days until renewal, even with typos', async () => {
        expect(await ask('how many dayz until renewl')).toContain('90 days left');
      });

      it('lists cloud platform gold requirements with the expiring reference as a blocker', async () => {
        const text = await ask('What are the requirements for Cloud Platfrom GOLD?');
        expect(text).toContain('Cloud Platform');
        expect(text).toContain('Gold');
        expect(text).toContain('Fabrikam reference expires on January 10, 2027, before the anniversary');
        expect(text).toContain('Blockers');
      });

      it('answers "requirements" with every competency held', async () => {
        expect(await ask('requirements')).toContain('Cloud Platform');
      });

      it('names the Primary Program Contact and tells a non-contact to share the guide', async () => {
        const text = await ask('who is our program contact');
        expect(text).toContain('Megan Bowen is your Primary Program Contact.');
        expect(text).toContain('Share the online competency renewal guide with Megan Bowen');
      });

      it('answers "am I the primary contact" for the person asking', async () => {
        expect(await ask('am I the primary contact?')).toContain('No, you are not the Primary Program Contact: Megan Bowen is.');
      });

      it('says how to get support and sign-in help', async () => {
        const text = await ask('how do I get support');
        expect(text).toContain('Support for your renewal');
        expect(text).toContain('Microsoft account (formerly Live ID)');
      });

      it('shows help with suggestions', async () => {
        const text = await ask('help');
        expect(text).toContain('Renewal Bot for Contoso Ltd');
        expect(text).toContain('Days until renewal');
      });

      it('answers something it does not understand with the help card, never silence', async () => {
        const text = await ask('what is the weather in Oslo');
        expect(text).toContain('I did not understand "what is the weather in oslo"');
        expect(text).toContain('Requirements');
      });
    });
  }

  it('tells the asker when they are the Primary Program Contact', async () => {
    const cards = await t.ask(makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, aadObjectId: 'AAD-MEGAN', text: 'am i the primary contact' }));
    expect(cardText({ content: cards[0] })).toContain('You are the Primary Program Contact.');
  });

  it('replies in the same conversation and thread the question came from', async () => {
    const activity = makeActivity('channel-message-with-mention', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, text: 'help' });
    const before = t.connector.sent.length;
    await t.post(activity);
    const sent = t.connector.sent.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.conversationId).toBe(activity.conversation.id);
    expect(sent[0]?.body.replyToId).toBe(activity.id);
  });
});

describe('phases as the days go by', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.storage.saveOrganization(makeOrganization({ tenantId: TENANT, timeZone: 'Pacific/Auckland' }));
  });
  afterAll(() => t.stop());

  const headline = async () => {
    const cards = await t.ask(makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, text: 'days left' }));
    return cardText({ content: cards[0] });
  };

  it('counts days in the organization\'s time zone, where it is already tomorrow', async () => {
    // 11:30 UTC on Nov 29 is 00:30 on Nov 30 in Auckland: 90 days left there, 91 in UTC.
    t.setNow('2026-11-29T11:30:00Z');
    expect(await headline()).toContain('90 days left: the renewal window is open.');
  });

  it('says planning with 91 days left', async () => {
    t.setNow('2026-11-28T12:00:00Z');
    expect(await headline()).toContain('91 days left: the renewal window opens on November 30, 2026.');
  });

  it('says complete the renewal now with 14 days left', async () => {
    t.setNow('2027-02-13T12:00:00Z');
    expect(await headline()).toContain('14 days left: complete the renewal now.');
  });

  it('says the anniversary is today on the day itself, not expired', async () => {
    t.setNow('2027-02-27T12:00:00Z');
    expect(await headline()).toContain('Your membership expires today: it is your anniversary date.');
  });

  it('says how many days ago the anniversary passed', async () => {
    t.setNow('2027-02-28T12:00:00Z'); // already March 1 in Auckland
    expect(await headline()).toContain('Your membership expired on February 28, 2027, your anniversary date.');
  });
});

describe('installing the app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(() => t.connector.reset());
  afterAll(() => t.stop());

  for (const fixture of ['personal-installation-add', 'group-installation-add', 'team-installation-add'] as const) {
    it(`greets with the welcome card on ${fixture}`, async () => {
      const cards = await t.ask(makeActivity(fixture, { serviceUrl: t.connector.serviceUrl, tenantId: TENANT }));
      expect(cards).toHaveLength(1);
      const text = cardText({ content: cards[0] });
      expect(text).toContain('Renewal Bot');
      expect(text).toContain('say "setup"');
    });
  }

  it('does not greet twice: the conversationUpdate that accompanies the install stays quiet', async () => {
    const cards = await t.ask(makeActivity('team-conversation-update-bot-added', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT }));
    expect(cards).toHaveLength(0);
  });

  it('asks an organization that has not set up yet to do so instead of answering', async () => {
    const cards = await t.ask(makeActivity('personal-message', { serviceUrl: t.connector.serviceUrl, tenantId: TENANT, text: 'when is our anniversary' }));
    expect(cardText({ content: cards[0] })).toContain('say "setup"');
  });
});
