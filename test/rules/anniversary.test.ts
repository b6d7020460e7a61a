import { describe, expect, it } from 'vitest';
import { anniversaryView } from '../../src/rules/cycle/anniversary-view.js';
import { anniversaryHeadline, anniversaryNextSteps, anniversaryStatus, phaseFor } from '../../src/rules/cycle/anniversary.js';
import { calendarDateIn, sameDayInYear } from '../../src/rules/common/plain-date.js';
import { makeOrganization } from '../support/organizations.js';

const ANNIVERSARY = '2027-02-28';

describe('the phase at every boundary (anniversary February 28, 2027)', () => {
  it.each([
    { today: '2026-11-29', daysLeft: 91, phase: 'planning', daysOverdue: 0 },
    { today: '2026-11-30', daysLeft: 90, phase: 'renewal-open', daysOverdue: 0 },
    { today: '2027-02-13', daysLeft: 15, phase: 'renewal-open', daysOverdue: 0 },
    { today: '2027-02-14', daysLeft: 14, phase: 'final-two-weeks', daysOverdue: 0 },
    { today: '2027-02-27', daysLeft: 1, phase: 'final-two-weeks', daysOverdue: 0 },
    { today: '2027-02-28', daysLeft: 0, phase: 'final-two-weeks', daysOverdue: 0 },
    { today: '2027-03-01', daysLeft: -1, phase: 'expired', daysOverdue: 1 },
  ])('on $today: $daysLeft days left, phase $phase', ({ today, daysLeft, phase, daysOverdue }) => {
    const status = anniversaryStatus(ANNIVERSARY, today);
    expect(status.daysLeft).toBe(daysLeft);
    expect(status.phase).toBe(phase);
    expect(status.daysOverdue).toBe(daysOverdue);
  });

  it('says the window is still in planning when 91 days are left', () => {
    expect(phaseFor(91)).toBe('planning');
  });

  it('says the window is open when exactly 90 days are left', () => {
    expect(phaseFor(90)).toBe('renewal-open');
  });

  it('keeps the window open, not final, with 15 days left', () => {
    expect(phaseFor(15)).toBe('renewal-open');
  });

  it('says these are the final two weeks when exactly 14 days are left', () => {
    expect(phaseFor(14)).toBe('final-two-weeks');
  });

  it('does not call the anniversary day itself expired', () => {
    expect(phaseFor(0)).toBe('final-two-weeks');
  });

  it('calls the day after the anniversary expired, one day overdue', () => {
    expect(phaseFor(-1)).toBe('expired');
    expect(anniversaryStatus(ANNIVERSARY, '2027-03-01').daysOverdue).toBe(1);
  });

  it('counts days overdue a long time after the anniversary', () => {
    const status = anniversaryStatus(ANNIVERSARY, '2027-06-01');
    expect(status.phase).toBe('expired');
    expect(status.daysOverdue).toBe(93);
    expect(status.daysLeft).toBe(-93);
  });
});

describe('the dates of the renewal cycle', () => {
  it('opens the window 90 days before and asks to finish 14 days before the anniversary', () => {
    const status = anniversaryStatus(ANNIVERSARY, '2026-06-01');
    expect(status.windowOpens).toBe('2026-11-30');
    expect(status.finishBy).toBe('2027-02-14');
  });

  it('does not move the window or the finish date with today', () => {
    const early = anniversaryStatus(ANNIVERSARY, '2026-01-01');
    const late = anniversaryStatus(ANNIVERSARY, '2027-05-01');
    expect([late.windowOpens, late.finishBy]).toEqual([early.windowOpens, early.finishBy]);
  });

  it('counts 29 February when the 90 days cross it', () => {
    expect(anniversaryStatus('2028-03-14', '2027-12-15')).toMatchObject({ daysLeft: 90, phase: 'renewal-open' });
    expect(anniversaryStatus('2027-03-14', '2026-12-15')).toMatchObject({ daysLeft: 89, phase: 'renewal-open' });
    expect(anniversaryStatus('2028-03-14', '2027-12-14')).toMatchObject({ daysLeft: 91, phase: 'planning' });
  });
});

describe('a 29 February anniversary', () => {
  it('is the anniversary day, not expired, on 2028-02-29', () => {
    const status = anniversaryStatus('2028-02-29', '2028-02-29');
    expect(status.daysLeft).toBe(0);
    expect(status.phase).toBe('final-two-weeks');
    expect(status.daysOverdue).toBe(0);
    expect(anniversaryHeadline(status)).toBe('Your membership expires today: it is your anniversary date.');
  });

  it('opens the window on 2027-12-01 and asks to finish by 2028-02-15', () => {
    const status = anniversaryStatus('2028-02-29', '2027-10-01');
    expect(status.windowOpens).toBe('2027-12-01');
    expect(status.finishBy).toBe('2028-02-15');
  });

  it('is expired on 1 March 2028', () => {
    expect(anniversaryStatus('2028-02-29', '2028-03-01')).toMatchObject({ phase: 'expired', daysOverdue: 1 });
  });

  it('rolls to 28 February 2029, the next anniversary the expired card announces', () => {
    const view = anniversaryView(makeOrganization({ anniversaryDate: '2028-02-29' }), '2028-03-05');
    expect(view.standingNote).toContain('plans its reminders for the next anniversary, February 28, 2029');
  });

  it('announces 29 February 2032 on the expired card of the 2031 cycle, not a year after the shortened 28th', () => {
    const view = anniversaryView(makeOrganization({ anniversaryDate: '2028-02-29', renewedCycles: 3 }), '2031-03-05');
    expect(view.anniversaryLabel).toBe('February 28, 2031');
    expect(view.standingNote).toContain('February 29, 2032');
  });

  it('is the anniversary day on 2029-02-28 once rolled, and 29 February again in 2032 from the original date', () => {
    const rolled = sameDayInYear('2028-02-29', 2029);
    expect(anniversaryStatus(rolled, '2029-02-28')).toMatchObject({ daysLeft: 0, phase: 'final-two-weeks' });
    const backToLeap = sameDayInYear('2028-02-29', 2032);
    expect(backToLeap).toBe('2032-02-29');
    expect(anniversaryStatus(backToLeap, '2032-02-28')).toMatchObject({ daysLeft: 1, phase: 'final-two-weeks' });
  });
});

describe('what the anniversary card says', () => {
  const headline = (today: string) => anniversaryHeadline(anniversaryStatus(ANNIVERSARY, today));

  it('tells a planner the day the window opens', () => {
    expect(headline('2026-11-29')).toBe('91 days left: the renewal window opens on November 30, 2026.');
  });

  it('says the window is open with 90 days left', () => {
    expect(headline('2026-11-30')).toBe('90 days left: the renewal window is open.');
  });

  it('urges completing the renewal in the final two weeks, with "day" in the singular for one day', () => {
    expect(headline('2027-02-14')).toBe('14 days left: complete the renewal now.');
    expect(headline('2027-02-27')).toBe('1 day left: complete the renewal now.');
  });

  it('says the membership expires today on the anniversary, and expired on that date after it (guide line 4)', () => {
    expect(headline('2027-02-28')).toBe('Your membership expires today: it is your anniversary date.');
    expect(headline('2027-03-01')).toBe('Your membership expired on February 28, 2027, your anniversary date.');
    expect(headline('2027-03-02')).toBe('Your membership expired on February 28, 2027, your anniversary date.');
  });

  it('suggests a reminder for the window-opening day while planning', () => {
    const steps = anniversaryNextSteps(anniversaryStatus(ANNIVERSARY, '2026-10-01'));
    expect(steps[0]).toContain('November 30, 2026');
  });

  it('names the finish-by date once the window is open', () => {
    const steps = anniversaryNextSteps(anniversaryStatus(ANNIVERSARY, '2026-12-01'));
    expect(steps.join(' ')).toContain('February 14, 2027');
  });

  it('asks to renew the internal use license keys in the final two weeks', () => {
    const steps = anniversaryNextSteps(anniversaryStatus(ANNIVERSARY, '2027-02-20'));
    expect(steps.join(' ')).toMatch(/internal use license keys/);
  });

  it('puts each date in the tense of the day: opened, recommended, expired (guide line 4)', () => {
    const facts = (today: string) => anniversaryView(makeOrganization(), today).facts.map((fact) => fact.title);
    expect(facts('2026-11-29')).toEqual(['Membership expires', 'Renewal window opens', 'Finishing early is recommended by', 'Today']);
    expect(facts('2026-12-01')).toEqual(['Membership expires', 'Renewal window opened', 'Finishing early is recommended by', 'Today']);
    expect(facts('2027-02-20')).toEqual(['Membership expires', 'Renewal window opened', 'Finishing early was recommended by', 'Today']);
    expect(facts('2027-03-01')).toEqual(['Membership expired', 'Renewal window opened', 'Finishing early was recommended by', 'Today']);
  });

  it('no longer says "As the anniversary approaches" once it has passed, and says which state the renewal is in', () => {
    const before = anniversaryView(makeOrganization(), '2027-02-20');
    expect(before.programNotices.join(' ')).toContain('As the anniversary approaches');
    const after = anniversaryView(makeOrganization(), '2027-03-01');
    expect(after.programNotices.join(' ')).not.toContain('As the anniversary approaches');
    expect(after.standingNote).toContain('Did you renew?');
    // The guide gives no renewal after the anniversary and no grace period: both are marked as the bot's (guide lines 4, 11).
    expect(after.standingNote).toContain("MPN Support can tell you your options (the bot's suggestion)");
    expect(after.standingNote).toContain("(30 days is this bot's choice: the guide gives none)");
    expect(after.suggestions.map((s) => s.title)).toEqual(['We renewed', 'We did not renew', 'The date changed']);
    const stopped = anniversaryView(makeOrganization({ notRenewedCycle: '2027-02-28' }), '2027-06-01');
    expect(stopped.phaseLabel).toBe('Not renewed');
    expect(stopped.standingNote).toContain('You told the bot the membership was not renewed');
    const assumed = anniversaryView(makeOrganization(), '2027-06-01');
    expect(assumed.headline).toBe('272 days left: the renewal window opens on November 30, 2027.');
    expect(assumed.standingNote).toContain('so the bot assumes it was and now counts to February 28, 2028');
  });

  it('offers the calendar file while planning and in the window, where it says to set a reminder (guide lines 6, 39-40)', () => {
    expect(anniversaryView(makeOrganization(), '2026-10-01').suggestions[0]?.title).toBe('Calendar reminders (.ics)');
    const open = anniversaryView(makeOrganization(), '2026-12-15');
    expect(open.suggestions[0]?.title).toBe('Calendar reminders (.ics)');
    expect(open.nextSteps.join(' ')).toContain("You can also set a reminder for next year's renewal now");
  });

  it('shows zero days left, not a negative number, once the anniversary has passed', () => {
    const view = anniversaryView(makeOrganization(), '2027-03-10');
    expect(view.daysLeft).toBe(0);
    expect(view.daysOverdue).toBe(10);
    expect(view.phase).toBe('expired');
    expect(view.phaseLabel).toBe('Membership expired: did you renew?');
  });

  it('shows the dates and the zone that "today" was read in', () => {
    const view = anniversaryView(makeOrganization({ timeZone: 'Pacific/Auckland' }), '2026-11-30');
    expect(view.anniversaryLabel).toBe('February 28, 2027');
    expect(view.facts).toEqual([
      { title: 'Membership expires', value: 'February 28, 2027 (anniversary date)' },
      { title: 'Renewal window opens', value: 'November 30, 2026' },
      { title: 'Finishing early is recommended by', value: 'February 14, 2027 (two weeks before)' },
      { title: 'Today', value: 'November 30, 2026 (Pacific/Auckland)' },
    ]);
    expect(view.phaseStyle).toBe('warning');
  });
});

describe('today in the organization time zone decides the phase', () => {
  const viewAt = (instant: string, timeZone: string) => {
    const org = makeOrganization({ timeZone });
    return anniversaryView(org, calendarDateIn(new Date(instant), org.timeZone));
  };

  it('opens the window in Pacific/Auckland while it is still planning in UTC', () => {
    const instant = '2026-11-29T11:30:00Z';
    expect(viewAt(instant, 'UTC')).toMatchObject({ phase: 'planning', daysLeft: 91 });
    expect(viewAt(instant, 'Pacific/Auckland')).toMatchObject({ phase: 'renewal-open', daysLeft: 90 });
  });

  it('is already the final two weeks in Pacific/Kiritimati and Etc/GMT-14 while UTC still has 15 days', () => {
    const instant = '2027-02-13T10:00:00Z';
    expect(viewAt(instant, 'UTC')).toMatchObject({ phase: 'renewal-open', daysLeft: 15 });
    expect(viewAt(instant, 'Pacific/Kiritimati')).toMatchObject({ phase: 'final-two-weeks', daysLeft: 14 });
    expect(viewAt(instant, 'Etc/GMT-14')).toMatchObject({ phase: 'final-two-weeks', daysLeft: 14 });
  });

  it('is still the anniversary day in America/Los_Angeles and Pacific/Honolulu when UTC says it has passed', () => {
    const instant = '2027-03-01T05:00:00Z';
    expect(viewAt(instant, 'UTC')).toMatchObject({ phase: 'expired', daysOverdue: 1 });
    expect(viewAt(instant, 'America/Los_Angeles')).toMatchObject({ phase: 'final-two-weeks', daysOverdue: 0, headline: 'Your membership expires today: it is your anniversary date.' });
    expect(viewAt(instant, 'Pacific/Honolulu')).toMatchObject({ phase: 'final-two-weeks', daysOverdue: 0 });
  });

  it('is still the anniversary day in Etc/GMT+12 eleven hours after UTC midnight', () => {
    const instant = '2027-03-01T11:00:00Z';
    expect(viewAt(instant, 'Etc/GMT+12')).toMatchObject({ phase: 'final-two-weeks', daysOverdue: 0 });
    expect(viewAt(instant, 'Etc/GMT-14')).toMatchObject({ phase: 'expired', daysOverdue: 2 });
  });

  it('opens the window at local midnight on the America/New_York spring-forward day', () => {
    // 2027-06-12 is 90 days after 2027-03-14.
    const view = (instant: string) =>
      anniversaryView(makeOrganization({ anniversaryDate: '2027-06-12', timeZone: 'America/New_York' }), calendarDateIn(new Date(instant), 'America/New_York'));
    expect(view('2027-03-14T04:30:00Z')).toMatchObject({ phase: 'planning', daysLeft: 91 });
    expect(view('2027-03-14T05:30:00Z')).toMatchObject({ phase: 'renewal-open', daysLeft: 90 });
    expect(view('2027-03-15T03:30:00Z')).toMatchObject({ phase: 'renewal-open', daysLeft: 90 });
    expect(view('2027-03-15T04:30:00Z')).toMatchObject({ phase: 'renewal-open', daysLeft: 89 });
  });

  it('enters the final two weeks at local midnight on the Europe/Berlin fall-back day', () => {
    // 2027-11-14 is 14 days after 2027-10-31.
    const view = (instant: string) =>
      anniversaryView(makeOrganization({ anniversaryDate: '2027-11-14', timeZone: 'Europe/Berlin' }), calendarDateIn(new Date(instant), 'Europe/Berlin'));
    expect(view('2027-10-30T21:30:00Z')).toMatchObject({ phase: 'renewal-open', daysLeft: 15 });
    expect(view('2027-10-30T22:30:00Z')).toMatchObject({ phase: 'final-two-weeks', daysLeft: 14 });
    expect(view('2027-10-31T22:30:00Z')).toMatchObject({ phase: 'final-two-weeks', daysLeft: 14 });
    expect(view('2027-10-31T23:30:00Z')).toMatchObject({ phase: 'final-two-weeks', daysLeft: 13 });
  });
});
