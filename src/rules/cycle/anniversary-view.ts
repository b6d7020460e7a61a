/** The anniversary card's view: the date, the days left, the phase, where the renewal stands and what to do now. */
import { cycleOn } from './cycle.js';
import { cycleGauge, type GaugeView } from './charts.js';
import { anniversaryFacts, anniversaryHeadline, anniversaryNextSteps, PHASE_LABELS, type Phase } from './anniversary.js';
import type { Organization } from '../organization/organization.js';
import { leapDayNote } from './leap-day.js';
import { longDate, type PlainDate } from '../common/plain-date.js';
import { standingNote } from './renewal-standing.js';
import { SUGGESTIONS, type Suggestion } from '../questions/suggestions.js';
import { escapeMarkdown } from '../common/markdown.js';

const PHASE_STYLES: Record<Phase, AnniversaryView['phaseStyle']> = {
  planning: 'good',
  'renewal-open': 'warning',
  'final-two-weeks': 'attention',
  expired: 'attention',
};

/** What the program itself sends (guide line 38), so nobody waits for the bot alone. */
const APPROACHING_NOTICE =
  'As the anniversary approaches, Microsoft emails the Primary Program Contact about the renewal, and the contact should see renewal information in the Partner Membership Center from 90 days before it.';
const CHANGES_NOTICE = 'During the year, when a competency you hold changes its requirements or benefits, Microsoft emails you and posts a notification in the Partner Membership Center.';

export interface AnniversaryView {
  organizationName: string;
  phase: Phase;
  phaseLabel: string;
  /** Accent for the phase: 'good' | 'attention' | 'warning'. */
  phaseStyle: 'good' | 'attention' | 'warning';
  headline: string;
  anniversaryDate: PlainDate;
  anniversaryLabel: string;
  daysLeft: number;
  daysOverdue: number;
  /** The dates, each in the tense of today, and today with its time zone (once on the card). */
  facts: { title: string; value: string }[];
  /** After the anniversary: whether the bot is asking, was told "not renewed", or assumes the renewal ('' otherwise). */
  /** A 29 February anniversary shown on 28 February: the bot's rule, the guide has none; ''. */
  leapDayNote: string;
  standingNote: string;
  nextSteps: string[];
  /** What the program itself sends as the anniversary approaches and during the year. */
  programNotices: string[];
  /** The renewal window as a gauge of the days left in it, with the same in words as its fallback. */
  cycleGauge: GaugeView;
  suggestions: Suggestion[];
}

/**
 * @example anniversaryView(org, '2026-11-30').headline // '90 days left: the renewal window is open.'
 */
export function anniversaryView(org: Pick<Organization, 'name' | 'anniversaryDate' | 'renewedCycles' | 'notRenewedCycle' | 'timeZone'>, today: PlainDate): AnniversaryView {
  const status = cycleOn(org, today);
  const note = standingNote(status);
  const phaseLabel = status.standing === 'not-renewed' ? 'Not renewed' : status.standing === 'asking' ? 'Membership expired: did you renew?' : PHASE_LABELS[status.phase];
  const calendar = status.phase === 'planning' || status.phase === 'renewal-open' ? [SUGGESTIONS.calendarFile] : [];
  return {
    organizationName: escapeMarkdown(org.name),
    phase: status.phase,
    phaseLabel,
    phaseStyle: PHASE_STYLES[status.phase],
    headline: anniversaryHeadline(status),
    anniversaryDate: status.anniversary,
    anniversaryLabel: longDate(status.anniversary),
    daysLeft: Math.max(0, status.daysLeft),
    daysOverdue: status.daysOverdue,
    facts: anniversaryFacts(status, `${longDate(today)} (${org.timeZone})`),
    leapDayNote: leapDayNote(org.anniversaryDate, status.anniversary),
    standingNote: note.text,
    nextSteps: anniversaryNextSteps(status),
    programNotices: status.daysLeft >= 0 ? [APPROACHING_NOTICE, CHANGES_NOTICE] : [CHANGES_NOTICE],
    cycleGauge: cycleGauge(status),
    // The answers first when the bot is asking; then the calendar where the card says to set a reminder (guide lines 6, 39).
    suggestions: note.suggestions.length > 0 ? note.suggestions : [...calendar, SUGGESTIONS.requirements, SUGGESTIONS.contact, SUGGESTIONS.support],
  };
}
