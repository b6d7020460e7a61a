/**
 * The planning half of a pass: every organization whose next reminder date has come (in its own
 * zone) is planned by the pure planner, and the plans go into the ledger, a page at a time.
 */
import type { Catalog } from '../rules/catalog/catalog.js';
import { addDays, calendarDateIn, isPlainDate } from '../rules/common/plain-date.js';
import { personalReminders } from '../rules/reminders/personal.js';
import { planReminders } from '../rules/reminders/plan.js';
import type { ReminderKey, ReminderPlanning, ReminderLedger } from '../storage/reminder-store.js';
import type { PassOptions } from './pass-dependencies.js';
import type { PassReport } from './pass-report.js';
import { zoneDaysAt } from './zone-days.js';

const PLANNING_PAGE = 500;

export function createPlanner(deps: { storage: ReminderPlanning & Pick<ReminderLedger, 'remindersOf'>; catalog: Catalog; localHour: number; personalReminders: boolean }) {
  const { storage, catalog, localHour } = deps;
  return async function planDue(options: PassOptions, report: PassReport): Promise<void> {
    // No zone is more than 14 h ahead of UTC, so nothing can be due later than tomorrow's UTC date.
    const upTo = addDays(calendarDateIn(options.now, 'UTC'), 1);
    const daysIn = zoneDaysAt(options.now, localHour);
    let after: { nextReminderOn: string; tenantId: string } | undefined;
    for (;;) {
      // With personal reminders, an organization without a channel is planned too: its contact may be reached.
      const page = await storage.organizationsToPlan({ upTo, limit: PLANNING_PAGE, after, tenantId: options.tenantId, withoutChannel: deps.personalReminders });
      const plans: Parameters<typeof storage.recordPlans>[0][number][] = [];
      for (const { organization, hasChannelTarget, toldRequirements, nextReminderOn, updatedAt } of page) {
        const today = daysIn(organization.timeZone).planningDay;
        if (isPlainDate(nextReminderOn) && nextReminderOn > today) continue; // not yet in its own zone
        const plan = planReminders(organization, today, toldRequirements, catalog);
        const reminders = [
          ...(hasChannelTarget ? plan.reminders : []),
          ...(deps.personalReminders ? personalReminders(plan.reminders, organization.primaryContact, hasChannelTarget) : []),
        ];
        report.organizationsPlanned++;
        if (options.dryRun) {
          // Only what is new: reminders already in the ledger are counted by the delivery's dry run.
          const ledger = await storage.remindersOf(organization.tenantId);
          for (const reminder of reminders) {
            const key = { ...reminder, tenantId: organization.tenantId };
            if (ledger.some((row) => sameKey(row, key))) continue;
            report.planned++;
            report.add(key, 'would-send');
          }
          continue;
        }
        plans.push({
          tenantId: organization.tenantId,
          plan: {
            reminders: reminders.map((reminder) => ({ ...reminder, tenantId: organization.tenantId })),
            nextReminderOn: plan.nextReminderOn,
            // Without a channel nobody was told of requirement changes: they wait for one.
            toldRequirements: hasChannelTarget ? plan.toldRequirements : toldRequirements,
            basedOnUpdatedAt: updatedAt,
          },
        });
      }
      if (plans.length > 0) report.planned += await storage.recordPlans(plans);
      const last = page[page.length - 1];
      if (!last || page.length < PLANNING_PAGE) return;
      after = { nextReminderOn: last.nextReminderOn, tenantId: last.organization.tenantId };
    }
  };
}

function sameKey(a: ReminderKey, b: ReminderKey): boolean {
  return a.tenantId === b.tenantId && a.kind === b.kind && a.cycle === b.cycle && a.subject === b.subject;
}
