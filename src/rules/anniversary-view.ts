/** The anniversary card's view: the date, the days left, the phase and what to do now. */
import { cycleOn } from './cycle.js';
import { cycleGauge } from './charts.js';
import { anniversaryHeadline, anniversaryNextSteps, PHASE_LABELS } from './anniversary.js';
import type { Organization } from './organization.js';
import { longDate, type PlainDate } from './plain-date.js';
import { SUGGESTIONS } from './suggestions.js';
import type { AnniversaryView, Phase } from './view-models.js';
import { escapeMarkdown } from './markdown.js';

const PHASE_STYLES: Record<Phase, AnniversaryView['phaseStyle']> = {
  planning: 'good',
  'renewal-open': 'warning',
  'final-two-weeks': 'attention',
  expired: 'attention',
};

/** What the program itself sends (guide line 38), so nobody waits for the bot alone. */
const PROGRAM_NOTICES = [
  'As the anniversary approaches, Microsoft emails the Primary Program Contact about the renewal, and from 90 days before it renewal information shows in the Partner Membership Center.',
  'During the year, when a competency you hold changes its requirements or benefits, Microsoft emails you and posts a notification in the Partner Membership Center.',
];

/**
 * @example anniversaryView(org, '2026-11-30').headline // '90 days left: the renewal window is open.'
 */
export function anniversaryView(org: Pick<Organization, 'name' | 'anniversaryDate' | 'renewedCycles' | 'notRenewedCycle' | 'timeZone'>, today: PlainDate): AnniversaryView {
  const status = cycleOn(org, today);
  return {
    organizationName: escapeMarkdown(org.name),
    phase: status.phase,
    phaseLabel: PHASE_LABELS[status.phase],
    phaseStyle: PHASE_STYLES[status.phase],
    headline: anniversaryHeadline(status),
    anniversaryDate: status.anniversary,
    anniversaryLabel: longDate(status.anniversary),
    daysLeft: Math.max(0, status.daysLeft),
    daysOverdue: status.daysOverdue,
    windowOpensLabel: longDate(status.windowOpens),
    finishByLabel: longDate(status.finishBy),
    todayLabel: `${longDate(today)} (${org.timeZone})`,
    timeZone: org.timeZone,
    nextSteps: anniversaryNextSteps(status, status.next),
    programNotices: PROGRAM_NOTICES,
    cycleGauge: cycleGauge(status),
    suggestions: [SUGGESTIONS.requirements, SUGGESTIONS.contact, SUGGESTIONS.support],
  };
}
