/** What every part of a reminder pass is given (channel and personal delivery, message updates). */
import type { CardSender } from '../host/contract.js';
import type { Logger } from '../logger.js';
import type { Catalog } from '../rules/catalog.js';
import type { ReminderSettings } from './settings.js';

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
