/**
 * What the operator's status page shows for one organization: its cycle on a timeline
 * (window opens, two weeks left, anniversary, today), the next reminder, what was sent and what
 * is pending and why. Pure: the CLI reads storage and writes the page (cli/status-page.ts).
 * Values are plain text; the page escapes every one of them.
 */
import { anniversaryHeadline, PHASE_LABELS } from '../cycle/anniversary.js';
import { cycleOn } from '../cycle/cycle.js';
import type { Organization } from '../organization/organization.js';
import { addDays, daysBetween, longDate, type PlainDate } from '../common/plain-date.js';
import type { ReminderKind } from './payloads.js';

export interface LedgerEntryInput {
  kind: ReminderKind;
  cycle: string;
  subject: string;
  dueOn: PlainDate;
  status: string;
  attempts: number;
  lastError: string;
  sentAt: string | null;
}

export interface MessageUpdateInput {
  purpose: string;
  status: string;
  lastError: string;
  doneAt: string | null;
}

export interface OrganizationStatusInput {
  org: Organization;
  /** Today in the organization's time zone. */
  today: PlainDate;
  target?: { active: boolean; inactiveReason: string; conversationId: string };
  ledger: readonly LedgerEntryInput[];
  updates: readonly MessageUpdateInput[];
}

export interface TimelineMarker {
  label: string;
  dateLabel: string;
  /** 0 (left end) to 1 (right end). */
  position: number;
}

export interface OrganizationStatusView {
  name: string;
  tenantId: string;
  headline: string;
  phase: string;
  channel: string;
  /** The window (from opening to the anniversary) as positions on the axis. */
  window: { from: number; to: number };
  markers: TimelineMarker[];
  today: TimelineMarker;
  axis: { fromLabel: string; toLabel: string };
  nextReminder: string;
  sent: string[];
  pending: { what: string; why: string }[];
}

const KIND_LABELS: Record<ReminderKind, string> = {
  'window-open': 'Window open',
  'two-weeks': 'Two weeks left',
  'reference-expiring': 'Customer reference expiring',
  expired: 'Anniversary passed',
  'requirements-changed': 'Requirements changed',
};

const OPEN_STATUSES = new Set(['pending', 'sending', 'failed', 'inactive']);

/**
 * @example organizationStatusView({ org, today: '2026-12-01', ledger: [], updates: [] }).nextReminder
 * // 'Two weeks left on February 14, 2027'
 */
export function organizationStatusView(input: OrganizationStatusInput): OrganizationStatusView {
  const { org, today, target } = input;
  const status = cycleOn(org, today);
  const dayAfter = addDays(status.anniversary, 1);
  // The axis runs from a month before the window opens to a month after the anniversary, widened to show today.
  const from = [addDays(status.windowOpens, -30), today].sort()[0] as PlainDate;
  const to = [addDays(status.anniversary, 30), today].sort()[1] as PlainDate;
  const span = Math.max(1, daysBetween(from, to));
  const marker = (label: string, date: PlainDate): TimelineMarker => ({ label, dateLabel: longDate(date), position: daysBetween(from, date) / span });
  const inCycle = input.ledger.filter((entry) => entry.cycle === status.anniversary);
  return {
    name: org.name,
    tenantId: org.tenantId,
    headline: anniversaryHeadline(status),
    phase: PHASE_LABELS[status.phase],
    channel: channelText(target),
    window: { from: marker('', status.windowOpens).position, to: marker('', status.anniversary).position },
    markers: [marker('Window opens', status.windowOpens), marker('Two weeks left', status.finishBy), marker('Anniversary', status.anniversary)],
    today: marker('Today', today),
    axis: { fromLabel: longDate(from), toLabel: longDate(to) },
    nextReminder: nextReminderText(target, inCycle, [
      ['window-open', status.windowOpens],
      ['two-weeks', status.finishBy],
      ['expired', dayAfter],
    ], today),
    sent: input.ledger
      .filter((entry) => entry.status === 'sent')
      .map((entry) => `${describe(entry)}, sent ${entry.sentAt ? entry.sentAt.replace('T', ' ').slice(0, 16) + ' UTC' : ''}`),
    pending: [
      ...input.ledger.filter((entry) => OPEN_STATUSES.has(entry.status)).map((entry) => ({ what: `${describe(entry)}: ${entry.status}`, why: whyOpen(entry, target) })),
      ...input.updates
        .filter((update) => update.status === 'pending' || update.status === 'sending' || update.status === 'failed')
        .map((update) => ({ what: `Update of a posted message (${update.purpose}): ${update.status}`, why: update.lastError || 'queued for the next pass' })),
    ],
  };
}

function channelText(target: OrganizationStatusInput['target']): string {
  if (!target) return 'No reminder channel: the app has not been added to a team';
  if (!target.active) return `Reminder channel ${target.conversationId} is inactive: ${target.inactiveReason}`;
  return `Reminders go to ${target.conversationId}`;
}

function nextReminderText(target: OrganizationStatusInput['target'], inCycle: readonly LedgerEntryInput[], phases: [ReminderKind, PlainDate][], today: PlainDate): string {
  if (!target?.active) return 'None: there is no active reminder channel';
  const next = phases.find(([kind, date]) => date >= today && !inCycle.some((entry) => entry.kind === kind));
  return next ? `${KIND_LABELS[next[0]]} on ${longDate(next[1])}` : 'None left in this cycle';
}

function describe(entry: LedgerEntryInput): string {
  return `${KIND_LABELS[entry.kind]}${entry.subject ? ` (${entry.subject})` : ''}, due ${longDate(entry.dueOn)}`;
}

function whyOpen(entry: LedgerEntryInput, target: OrganizationStatusInput['target']): string {
  if (entry.lastError) return `${entry.lastError} (after ${entry.attempts} ${entry.attempts === 1 ? 'try' : 'tries'})`;
  if (!target?.active) return 'waiting for an active reminder channel';
  return entry.status === 'sending' ? 'being sent now' : 'due: goes out at the next pass';
}
