/**
 * Traceability to the renewal guide (`../shared/domain/renewal-guidance-2016.txt`): one test per fact,
 * named after it and citing its line, asserting the card text a person reads. Questions go through the
 * real HTTP edge (restify, CloudAdapter, storage); reminders through the real runner and Bot Connector.
 * Values the guide does not give are checked to be marked "to confirm" on the cards that show them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderCard } from '../../src/cards/render-card.js';
import { defaultCatalog } from '../../src/rules/catalog/catalog.js';
import { reminderView } from '../../src/rules/reminders/view.js';
import { cardText } from '../cards/card-text.js';
import { startReminderApp } from '../reminders/reminder-app.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { askText, LEAP_DAY, MEGAN, seed, sentText } from './guide-app.js';

describe('the renewal guide, fact by fact, on the cards', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-25T12:00:00Z' });
    await seed(t);
  });
  afterAll(() => t.stop());
  const at = (iso: string) => t.setNow(iso);
  const ask = (text: string, options?: Parameters<typeof askText>[2]) => askText(t, text, options);

  describe('determine your anniversary date', () => {
    it('signs in with the Microsoft account (formerly Live ID) associated with the membership', async () => {
      // guide line 4
      expect(await ask('how do I get support')).toContain('Sign in to the partner portal with the Microsoft account (formerly Live ID) associated with your partner membership.');
    });

    it('finds the anniversary, the day the membership expires, in the welcome message at the top right', async () => {
      // guide line 4
      expect(await ask('how do I get support')).toContain('Once signed in, click the welcome message at the top right: it shows the date your membership expires, your anniversary date.');
      expect(await ask('setup', { aadObjectId: MEGAN })).toContain('then click the welcome message at the top right: it shows that date.');
    });

    it('starts the renewal, with the online competency renewal guide, when fewer than 90 days are left', async () => {
      // guide line 5
      at('2026-12-30T12:00:00Z');
      const text = await ask('when is our anniversary');
      expect(text).toContain('60 days left: the renewal window is open.');
      expect(text).toContain('Start the online renewal in the Partner Membership Center, using the online competency renewal guide: it is open from 90 days before the anniversary.');
    });

    it('sets a calendar reminder for the day the window opens, 90 days before, when more than 90 days are left', async () => {
      // guide line 6
      at('2026-11-25T12:00:00Z');
      const text = await ask('when is our anniversary');
      expect(text).toContain('95 days left: the renewal window opens on November 30, 2026.');
      expect(text).toContain('Set a reminder in your calendar for November 30, 2026, the day the online renewal can start: the calendar file below has it.');
      // guide lines 6, 39: where the card says to set a reminder, the calendar file is one button away.
      expect(text.split('\n')).toContain('Calendar reminders (.ics)');
    });

    it("draws the renewal window as a gauge of the days left in its 90, the last 14 for finishing", async () => {
      // guide lines 5-6 (90 days before) and 41 (complete the renewal two weeks before)
      at('2026-12-30T12:00:00Z');
      expect(await ask('when is our anniversary')).toContain('Renewal window: 60 of its 90 days left; finishing by February 14, 2027, two weeks before the anniversary, is recommended.');
    });

    it('says on the gauge, once the anniversary has passed, that it is the day the membership expires', async () => {
      // guide line 4 (the date the membership expires is the anniversary date)
      at('2027-03-03T12:00:00Z');
      expect(await ask('when is our anniversary')).toContain('Renewal window: closed; the membership expired on February 28, 2027, the anniversary date, 3 days ago.');
    });

    it('can begin the online renewal at exactly 90 days', async () => {
      // guide line 6
      at('2026-11-30T12:00:00Z');
      expect(await ask('how many days until renewal')).toContain('90 days left: the renewal window is open.');
    });
  });

  describe('identify the Primary Program Contact', () => {
    it('says the Primary Program Contact is typically the person authorized to update the profile and manage the renewal', async () => {
      // guide line 8
      expect(await ask('who is our program contact')).toContain(
        "The Primary Program Contact is typically the person authorized to update the organization's membership profile and to manage the renewal in the Partner Membership Center.",
      );
    });

    it("names where the contact is listed: the Organizations tab of the Individual Account home page", async () => {
      // guide line 8
      expect(await ask('who is our program contact')).toContain(
        "The contact's name is on the Organizations tab of your Individual Account home page in the Partner Membership Center.",
      );
    });

    it('lets the contact renew only when also authorized to renew', async () => {
      // guide line 9
      const text = await ask('am I the primary contact', { aadObjectId: MEGAN });
      expect(text).toContain('You are the Primary Program Contact.');
      expect(text).toContain("If you are also authorized to renew your organization's membership, you can start the renewal yourself.");
      expect(text).toContain('Use the online competency renewal guide:');
      expect(text).not.toContain('manage the renewal yourself');
    });

    it('asks anyone else to share the renewal guide with the contact, without promising the contact can renew', async () => {
      // guide line 10
      const text = await ask('am I the primary contact');
      expect(text).toContain('No, you are not the Primary Program Contact: Megan Bowen is.');
      expect(text).toContain('Share the online competency renewal guide with Megan Bowen, the Primary Program Contact being typically the person authorized to renew:');
      expect(text).not.toContain('they can renew for the organization');
    });

    it('sends to the Support page for the support team and the top partner questions', async () => {
      // guide lines 11 and 50
      const text = await ask('how do I get support');
      expect(text).toContain('contact MPN Support: sign in to the Support page of the MPN portal, which shows your options for getting help from the MPN Support team.');
      expect(text).toContain('The same page lists the top partner questions');
    });

    it('points to the sign-in troubleshooting suggestions', async () => {
      // guide line 51
      const text = await ask('how do I get support');
      expect(text).toContain('If you have trouble signing in, follow the sign-in troubleshooting suggestions.');
      expect(text).toContain('Sign-in troubleshooting (address to confirm)');
    });
  });

  describe('cross-competency requirements update', () => {
    it('says the changes were announced at WPC 2015 and are kept on the "What\'s new" page', async () => {
      // guide line 14
      const text = await ask('requirements');
      expect(text).toContain('Announced at WPC 2015. The program keeps its changes on its "What\'s new" page, which it updates often.');
      expect(text).toContain('"What\'s new" page (address to confirm)');
      expect(text).not.toMatch(/July 13, 2015|In effect since/);
    });

    it('measures cloud competency performance by active use and consumption, no longer seats sold and revenue', async () => {
      // guide lines 15 and 24
      const text = await ask('requirements for cloud platform gold');
      expect(text).toContain("Measured by your customers' active use and consumption, no longer by seats sold and revenue. The goal for Gold is in the Requirements section of the Cloud Platform competency page.");
      expect(text).toContain('Cloud performance is measured by active use and consumption');
    });

    it('no longer requires unique certified professionals per competency', async () => {
      // guide line 16
      expect(await ask('requirements')).toContain('One certified professional can count for several competencies');
    });

    it('no longer requires sales and presales assessments', async () => {
      // guide line 17
      expect(await ask('requirements')).toContain('Sales and presales assessments are no longer required');
    });

    it('offers new technical exam and assessment options for many competencies', async () => {
      // guide line 18
      expect(await ask('requirements')).toContain('New technical exam and assessment options');
    });

    it('removes the gold customer satisfaction (CSAT) requirement as of January 2016', async () => {
      // guide line 19
      const text = await ask('requirements for cloud platform gold');
      expect(text).toContain('Not required: removed for gold competencies as of January 2016.');
      expect(text).toContain('Announced at WPC 2015; in effect as of January 2016');
    });
  });

  describe('specific competency requirements', () => {
    it("says a competency may have updated or new requirements of its own, on its page: Requirements, then Silver or Gold", async () => {
      // guide lines 20-21
      expect(await ask('requirements')).toContain(
        "Besides the changes across competencies, a competency may have updated or new requirements of its own: each competency's page lists them (choose Requirements, then Silver or Gold).",
      );
    });

    it('tells that within 90 days the Primary Program Contact can also see the requirements in the Partner Membership Center', async () => {
      // guide line 22
      expect(await ask('requirements')).toContain('Within 90 days of the anniversary, the Primary Program Contact can also see the requirements in the Partner Membership Center.');
    });

    // guide lines 25-29, one competency a line
    it.each([
      { name: 'cloud platform', focus: 'For partners delivering infrastructure and SaaS solutions on Microsoft Azure.', line: 25 },
      { name: 'small and midmarket cloud solutions', focus: 'For partners selling Office 365 to small and midmarket customers.', line: 26 },
      { name: 'cloud productivity', focus: 'For partners deploying Office 365 for enterprise customers.', line: 27 },
      { name: 'cloud crm', focus: 'For partners deploying Dynamics CRM Online.', line: 28 },
      { name: 'enterprise mobility management', focus: 'For partners deploying Enterprise Mobility Suite, Intune or Azure AD Premium.', line: 29 },
    ])('describes the $name cloud competency as the guide does (guide line $line)', async ({ name, focus }) => {
      expect(await ask(`requirements for ${name}`)).toContain(focus);
    });
  });

  describe('customer evidence', () => {
    it('requires customer evidence for every competency, references expiring two years after approval', async () => {
      // guide line 31
      expect(await ask('requirements')).toContain(
        'Customer evidence is required for every competency. A customer reference expires two years after it was approved (counted from approval: our reading of the guide) and counts until that day. Check their status in the Partner Membership Center.',
      );
    });

    it('counts a reference expiring before the anniversary and flags it: it may delay the renewal, with its date', async () => {
      // guide line 31
      at('2026-11-25T12:00:00Z');
      const text = await ask('requirements for cloud platform gold');
      expect(text).toContain('May delay the renewal');
      expect(text).toContain('Fabrikam reference expires on January 10, 2027, before the anniversary: it may delay the renewal');
      expect(text).toContain('Yours that count today: 2.');
      expect(text).not.toContain('still valid after the anniversary');
    });

    it('writes an expired reference in the past tense and does not count it, on the requirements card and the checklist', async () => {
      // guide line 31
      at('2026-11-25T12:00:00Z');
      expect(await ask('requirements for cloud platform gold')).toContain('No longer counting: Litware reference expired on June 1, 2026.');
      const checklist = await ask('checklist');
      expect(checklist).toContain('Replace the Litware reference for Cloud Platform: it expired on June 1, 2026 and no longer counts');
      expect(checklist).toContain('Replace the Fabrikam reference for Cloud Platform: it expires on January 10, 2027, before the anniversary and may delay the renewal');
    });

    it('turns "expires" into "expired" once the day has passed', async () => {
      // guide line 31
      at('2027-01-11T12:00:00Z');
      const text = await ask('requirements for cloud platform gold');
      expect(text).toContain('Fabrikam reference expired on January 10, 2027');
      expect(text).not.toContain('Fabrikam reference expires');
    });
  });

  describe('technical credentials', () => {
    it('requires technical credentials for every competency, differing per competency', async () => {
      // guide line 33
      at('2026-11-25T12:00:00Z');
      expect(await ask('requirements')).toContain('Technical credentials (exams, assessments or certifications) are required for every competency and differ per competency.');
    });

    it('counts an exam an employee or contractor passed toward every competency that accepts it', async () => {
      // guide line 33
      const text = await ask('requirements');
      expect(text).toContain('An exam an employee or contractor passed counts for every competency that accepts it.');
      expect(text).toContain('The same exams also count for Small and Midmarket Cloud Solutions.');
    });

    it('advises starting early with the technical team', async () => {
      // guide line 33
      expect(await ask('requirements')).toContain('Technical credentials can take time to complete: work with your technical team as early as possible.');
    });

    it('points to exams and certifications, IT training by technology and partner learning paths', async () => {
      // guide lines 34-36
      const text = await ask('requirements');
      expect(text).toContain('Exams and certifications (address to confirm)');
      expect(text).toContain('IT training by technology (address to confirm)');
      expect(text).toContain('Partner learning paths (address to confirm)');
    });
  });

  describe('rules for every competency apply outside the catalog too', () => {
    it('gives a competency recorded by name the general rules, clearly marked as general', async () => {
      // guide lines 31 and 33 ("all competencies")
      const text = await ask('requirements');
      expect(text).toContain('Datacenter');
      expect(text).toContain("General rules: this competency is not in the bot's catalog, so only the renewal guide's rules for every competency are shown.");
      expect(text).toContain('find which exams, assessments or certifications this one accepts on its page');
      expect(text).toContain('1 counting');
    });
  });

  describe('tools to help you plan ahead', () => {
    it('says Microsoft emails the contact about the renewal and shows renewal information in the Partner Membership Center from 90 days', async () => {
      // guide line 38
      expect(await ask('when is our anniversary')).toContain(
        'As the anniversary approaches, Microsoft emails the Primary Program Contact about the renewal, and the contact should see renewal information in the Partner Membership Center from 90 days before it.',
      );
    });

    it('says Microsoft notifies by email and in the Partner Membership Center when a held competency changes requirements or benefits', async () => {
      // guide line 38
      expect(await ask('when is our anniversary')).toContain(
        'During the year, when a competency you hold changes its requirements or benefits, Microsoft emails you and posts a notification in the Partner Membership Center.',
      );
    });

    it("lists the 90-day reminder's checklist: requirements, notifications, exams, fees", async () => {
      // guide line 40
      const text = await ask('checklist');
      for (const item of [
        'Review the requirements of each competency you hold',
        'Review the notifications in the Partner Membership Center',
        'Schedule time for the technical assessments and exams',
        'Budget ahead for any applicable competency fees or exam fees',
      ]) {
        expect(text).toContain(item);
      }
    });

    it('offers the calendar file with both reminders, this year and next, from the checklist and "calendar link"', async () => {
      // guide lines 6, 39-41 (the two calendar reminder templates; "set a reminder for 2017")
      expect(await ask('checklist')).toContain('Add to calendar (.ics)');
      expect(await ask('calendar link')).toContain('renewal dates (the day the renewal window opens and two weeks before the anniversary, this year and next)');
    });

    it('asks to budget for competency and exam fees on the requirements card', async () => {
      // guide line 40
      expect(await ask('requirements')).toContain('Budget ahead for any applicable competency fees or exam fees.');
    });

    it("lists the 2-week reminder's checklist: finish early, renew the internal use license keys, move the reminder", async () => {
      // guide line 41
      const text = await ask('checklist');
      expect(text).toContain('Finish the online renewal early, leaving time for anything unexpected');
      expect(text).toContain('Renew the internal use license keys');
      expect(text).toContain('Move your calendar reminder to next year');
    });

    it('moves a 29 February anniversary to next year on the 29th in a leap year, as the expired card said', async () => {
      // guide line 41 ("update this reminder for 2017")
      at('2031-03-05T12:00:00Z');
      const expired = await ask('when is our anniversary', { tenantId: LEAP_DAY });
      expect(expired).toContain('Membership expired: did you renew?');
      expect(expired).toContain('plans its reminders for the next anniversary, February 29, 2032');
      // The guide gives no rule for 29 February in a common year: the card marks 28 February as the bot's choice.
      expect(expired).toContain("Your anniversary is on 29 February: in a year without one the bot counts to 28 February. The guide gives no rule for this (the bot's choice)");
      expect(await ask('setup', { tenantId: LEAP_DAY, aadObjectId: MEGAN })).toContain('in a year without one the bot counts to 28 February');
      await ask('mark renewal done', { tenantId: LEAP_DAY, aadObjectId: MEGAN });
      const leapYear = await ask('when is our anniversary', { tenantId: LEAP_DAY });
      expect(leapYear).toContain('February 29, 2032');
      expect(leapYear).not.toContain('in a year without one');
    });
  });

  describe('the MPN 101 Cloud Competency Attainment call series', () => {
    it('names the series as the guide does', async () => {
      // guide line 42
      expect(await ask('calls')).toContain('MPN 101 Cloud Competency Attainment call series');
    });

    it('says what the calls cover and who answers questions, in the past tense once the series is over', async () => {
      // guide line 43 (MPN Support team, competency subject-matter experts)
      at('2016-01-10T12:00:00Z');
      expect(await ask('calls')).toContain(
        'Each call takes one cloud competency in depth: its requirements and benefits, how to get started, and an estimated timeline. Members of the MPN Support team and competency subject-matter experts answer your questions.',
      );
      at('2026-11-25T12:00:00Z');
      const over = await ask('calls');
      expect(over).toContain('Each call took one cloud competency in depth');
      expect(over).toContain('Members of the MPN Support team and competency subject-matter experts answered questions.');
      expect(over).not.toContain('answer your questions');
    });

    it('lists the five calls at 9:30 AM Pacific while the series runs, the length marked as not in the guide', async () => {
      // guide lines 44-48
      at('2016-01-10T12:00:00Z');
      const text = await ask('calls');
      for (const competency of ['Small and Midmarket Cloud Solutions', 'Cloud Productivity', 'Cloud Platform', 'Cloud Customer Relationship Management', 'Enterprise Mobility Management']) {
        expect(text).toContain(competency);
      }
      expect(text.match(/9:30 AM Pacific, length not in the guide: 60 minutes in the calendar entry, to confirm/g)).toHaveLength(5);
    });

    it('says when the five calls ran once the series is over', async () => {
      // guide lines 44-48
      at('2026-11-25T12:00:00Z');
      expect(await ask('calls')).toContain('All 5 calls of the series took place, from January 13, 2016 to February 17, 2016.');
    });
  });

  describe('values the guide does not give are marked to confirm', () => {
    it('marks the numbers of references and certified people, and the exam codes, with where to confirm them', async () => {
      // guide line 21 (where); domain README: the guide gives no thresholds or exam codes
      at('2026-11-25T12:00:00Z');
      const text = await ask('requirements for cloud platform gold');
      expect(text).toContain('Number needed for Gold: 5 (to confirm on the Cloud Platform competency page, Requirements → Gold).');
      expect(text).toContain('3 more customer references needed (to confirm on the Cloud Platform competency page, Requirements → Gold)');
      expect(text).toContain('Accepted exams: 70-532, 70-533, 70-534, 70-473, 70-475 (to confirm on the Cloud Platform competency page, Requirements → Gold).');
      expect(text).toContain('Official requirements (address to confirm)');
      expect(text).not.toMatch(/AZ-\d{3}|MS-\d{3}/);
      // The chart's words (its fallback) mark the numbers needed too.
      expect(text).toContain('2 of 5 needed (to confirm)');
    });

    it('marks the certified-people number on the checklist item that uses it', async () => {
      // guide line 33 (technical credentials vary per competency; the guide gives no number) and line 21 (where)
      expect(await ask('checklist')).toContain('Get 3 more people certified for Cloud Platform (Gold) (to confirm on the Cloud Platform competency page, Requirements → Gold)');
    });
  });
});

describe('the renewal guide, fact by fact, in the reminders', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('states the days really left when the 90-day reminder goes out late, with its checklist', async () => {
    // guide lines 6 and 40
    t = await startReminderApp({ now: '2026-12-30T10:00:00Z' });
    await t.app.reminders.runPass({ now: new Date('2026-12-30T10:00:00Z') });
    const text = sentText(t);
    expect(text).toContain('membership anniversary is February 28, 2027, 60 days from today. The online renewal in the Partner Membership Center can start now: it opens 90 days before the anniversary.');
    expect(text).toContain('Budget ahead for any applicable competency fees or exam fees');
  });

  it('says "Two weeks left" only with fourteen days left, with the 2-week checklist', async () => {
    // guide line 41
    t = await startReminderApp({ now: '2027-02-14T10:00:00Z' });
    await t.app.reminders.runPass({ now: new Date('2027-02-14T10:00:00Z') });
    const text = sentText(t);
    expect(text).toContain('Two weeks left: complete the renewal now');
    expect(text).toContain('The anniversary, the day the membership expires, is February 28, 2027, 14 days from today.');
    expect(text).toContain('Renew the internal use license keys');
  });

  it('warns 90 days ahead that a reference expiring before the anniversary may delay the renewal', async () => {
    // guide line 31
    t = await startReminderApp({ now: '2026-11-12T10:00:00Z', org: { customerReferences: [{ customer: 'Fabrikam', competency: 'cloud-platform', approvedOn: '2025-02-10' }] } });
    await t.app.reminders.runPass({ now: new Date('2026-11-12T10:00:00Z') });
    expect(sentText(t)).toContain(
      'The Fabrikam reference for Cloud Platform expires on February 10, 2027, 90 days from today, on or before the anniversary on February 28, 2027. An expiring customer reference may delay the renewal',
    );
  });

  it('writes a reference reminder that goes out after the expiry in the past tense', async () => {
    // guide line 31
    t = await startReminderApp({ now: '2026-12-05T10:00:00Z', org: { customerReferences: [{ customer: 'Litware', competency: 'cloud-platform', approvedOn: '2024-12-01' }] } });
    await t.app.reminders.runPass({ now: new Date('2026-12-05T10:00:00Z') });
    const text = sentText(t);
    expect(text).toContain('A customer reference has expired');
    expect(text).toContain('The Litware reference for Cloud Platform expired on December 1, 2026: it no longer counts toward the renewal on February 28, 2027, 85 days from today.');
  });

  it('reminds of Microsoft\'s own change notices when the catalog\'s values change, each marked to confirm', () => {
    // guide line 38
    const card = renderCard(
      'reminder',
      reminderView(
        { kind: 'requirements-changed', organizationName: 'Contoso Ltd', anniversary: '2027-02-28', today: '2026-06-01', payload: { competencyId: 'cloud-platform', level: 'gold', changes: ['Customer references needed: 5 → 6'] } },
        defaultCatalog(),
      ),
    );
    const text = cardText(card);
    expect(text).toContain('Microsoft itself emails you and posts a notification in the Partner Membership Center when a competency you hold changes its requirements or benefits.');
    expect(text).toContain('Customer references needed: 5 → 6 (to confirm)');
  });
});
