/** What every part of a reminder pass is given (planning, channel and personal delivery, message updates), and what a pass is asked. */
import type { CardSender } from '../host/contract.js';
import type { Logger } from '../logger.js';
import type { Catalog } from '../rules/catalog/catalog.js';
import type { ReminderSettings } from './settings.js';

/** One pass: its moment (the CLI's --now), whether it only reports, and one tenant or all. */
export interface PassOptions {
  now: Date;
  dryRun?: boolean;
  tenantId?: string;
}

export interface PassDependencies {
  catalog: Catalog;
  sender: CardSender;
  log: Logger;
  settings: ReminderSettings;
  runnerId: string;
  /** The real clock for leases and retries (a pass's `now` may be the CLI's --now). */
  clock: () => Date;
  /** ALLOWED_TENANTS: a reminder or update of another tenant is closed without a call. */
  isTenantAllowed?: (tenantId: string) => boolean;
}
