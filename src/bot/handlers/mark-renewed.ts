/**
 * "mark renewal done": an admin or the Primary Program Contact records that this cycle's renewal
 * is complete, which moves the organization, and its reminders, to next year's anniversary.
 */
import { renderCard } from '../../cards/render-card.js';
import { RENEWAL_WINDOW_DAYS } from '../../rules/anniversary.js';
import { anniversaryView } from '../../rules/anniversary-view.js';
import { cycleOn } from '../../rules/cycle.js';
import { canManage } from '../../rules/permissions.js';
import { nothingToMarkYetView } from '../../rules/renewal-notices.js';
import { AppError } from '../app-error.js';
import type { HandlerDependencies } from '../dependencies.js';
import type { OrganizationRoute } from './route.js';

export function createMarkRenewedRoute(deps: HandlerDependencies): OrganizationRoute<'mark-renewed'> {
  const { storage, today: todayOf, now, log } = deps;
  return async function markRenewed(_intent, turn, org) {
    if (!canManage(org, turn.user)) throw new AppError('profile.forbidden');
    const today = todayOf(org);
    const status = cycleOn(org, today);
    // Before the window opens there is nothing to renew yet; refusing also makes a double click harmless.
    if (status.daysLeft > RENEWAL_WINDOW_DAYS) return renderCard('notice', nothingToMarkYetView(status));
    const renewed = { ...org, renewedCycles: org.renewedCycles + 1 };
    // Saved with the "recorded" updates of the cycle's reminders still showing in the channel.
    await storage.recordRenewal(renewed, { cycle: status.anniversary, byName: turn.user.name ?? 'someone', at: now() });
    log.info({ tenantId: org.tenantId, renewedCycle: status.anniversary }, 'renewal marked done');
    deps.messagesChanged?.();
    return renderCard('anniversary', anniversaryView(renewed, today));
  };
}
