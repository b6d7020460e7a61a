/**
 * One reminder pass: plan what is due into the ledger (plan-due.ts), claim and send it
 * (deliver-personal.ts for the Primary Program Contact's 1:1 chat, then deliver.ts for the channel),
 * then update the channel messages that changed (update-messages.ts).
 * Several runners may run at once (replicas): the ledger's claims keep each reminder
 * to one of them.
 */
import type { ProactiveSender } from '../host/contract.js';
import type { Logger } from '../logger.js';
import type { Catalog } from '../rules/catalog/catalog.js';
import type { Storage } from '../storage/storage.js';
import { sleep as realSleep } from '../with-timeout.js';
import { createDelivery } from './deliver.js';
import { createPersonalDelivery } from './deliver-personal.js';
import { createDeliveryAttempts } from './delivery-attempts.js';
import type { PassOptions } from './pass-dependencies.js';
import { createMessageUpdates } from './update-messages.js';
import { PassReport } from './pass-report.js';
import { createPlanner } from './plan-due.js';
import type { ReminderSettings } from './settings.js';

export interface RunnerDependencies {
  storage: Storage;
  catalog: Catalog;
  sender: ProactiveSender;
  log: Logger;
  settings: ReminderSettings;
  /** Identifies this process in claims, e.g. hostname-pid. */
  runnerId: string;
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** ALLOWED_TENANTS: reminders of other tenants are skipped, not sent. */
  isTenantAllowed?: (tenantId: string) => boolean;
}

export function createReminderRunner(deps: RunnerDependencies) {
  const clock = deps.clock ?? (() => new Date());
  const sleep = deps.sleep ?? realSleep;
  const { settings } = deps;
  const planDue = createPlanner({ storage: deps.storage, catalog: deps.catalog, localHour: settings.localHour, personalReminders: settings.personalReminders });
  // One rate limiter and retry policy for every connector call of a pass (channel and personal sends,
  // message updates): they all count against the same Teams limits.
  const attempt = createDeliveryAttempts({ settings, clock, sleep, log: deps.log });
  const personal = settings.personalReminders ? createPersonalDelivery({ ...deps, clock, attempt }) : undefined;
  const sendClaimed = createDelivery({ ...deps, clock, attempt, contactNoteFor: personal?.contactNoteFor });
  const updateClaimed = createMessageUpdates({ ...deps, clock, attempt });
  return {
    /** Plans and sends everything due at `options.now`; resolves with what happened. */
    async runPass(options: PassOptions): Promise<PassReport> {
      const report = new PassReport();
      await planDue(options, report);
      if (options.dryRun) {
        // What a real pass would send: not personal reminders when they are off, nor a tenant outside ALLOWED_TENANTS.
        const due = await deps.storage.remindersToClaim({ now: options.now, tenantId: options.tenantId, personal: settings.personalReminders });
        for (const key of due) if (!deps.isTenantAllowed || deps.isTenantAllowed(key.tenantId)) report.add(key, 'would-send');
        return report;
      }
      // Personal first: a channel reminder of this pass then says whether the contact was reached.
      if (personal) await personal.sendClaimed(options, report);
      await sendClaimed(options, report);
      // After the sends, so the messages this pass's reminders supersede are updated in the same pass.
      await updateClaimed(options, report);
      return report;
    },
  };
}

export type ReminderRunner = ReturnType<typeof createReminderRunner>;
