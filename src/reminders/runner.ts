/**
 * One reminder pass: plan what is due into the ledger (plan-due.ts), claim and send it
 * (deliver.ts), then update the messages that changed (update-messages.ts). Several runners may run at once (replicas): the ledger's claims keep each reminder
 * to one of them.
 */
import type { CardSender } from '../bot/proactive.js';
import type { Logger } from '../logger.js';
import type { Catalog } from '../rules/catalog.js';
import type { Storage } from '../storage/storage.js';
import { createDelivery } from './deliver.js';
import { createDeliveryAttempts } from './delivery-attempts.js';
import { createMessageUpdates } from './update-messages.js';
import { PassReport } from './pass-report.js';
import { createPlanner } from './plan-due.js';
import type { ReminderSettings } from './settings.js';

export interface RunnerDependencies {
  storage: Storage;
  catalog: Catalog;
  sender: CardSender;
  log: Logger;
  settings: ReminderSettings;
  /** Identifies this process in claims, e.g. hostname-pid. */
  runnerId: string;
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** ALLOWED_TENANTS: reminders of other tenants are skipped, not sent. */
  isTenantAllowed?: (tenantId: string) => boolean;
}

export interface PassOptions {
  now: Date;
  dryRun?: boolean;
  tenantId?: string;
}

export function createReminderRunner(deps: RunnerDependencies) {
  const clock = deps.clock ?? (() => new Date());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const planDue = createPlanner({ storage: deps.storage, catalog: deps.catalog, localHour: deps.settings.localHour });
  // One rate limiter and retry policy for sends and updates: both count against Teams' limits.
  const attempt = createDeliveryAttempts({ settings: deps.settings, clock, sleep, log: deps.log });
  const sendClaimed = createDelivery({ ...deps, clock, sleep, attempt });
  const updateClaimed = createMessageUpdates({ ...deps, clock, attempt });
  return {
    /** Plans and sends everything due at `options.now`; resolves with what happened. */
    async runPass(options: PassOptions): Promise<PassReport> {
      const report = new PassReport();
      await planDue(options, report);
      if (options.dryRun) {
        for (const key of await deps.storage.remindersToClaim(options)) report.add(key, 'would-send');
        return report;
      }
      await sendClaimed(options, report);
      // After the sends, so the messages this pass's reminders supersede are updated in the same pass.
      await updateClaimed(options, report);
      return report;
    },
  };
}

export type ReminderRunner = ReturnType<typeof createReminderRunner>;
