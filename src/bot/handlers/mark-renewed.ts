/**
 * "mark renewal done": an admin or the Primary Program Contact records that this cycle's renewal
 * is complete, which moves the organization, and its reminders, to next year's anniversary.
 */
import { renderCard, type CardAttachment } from '../../cards/render-card.js';
import { anniversaryStatus, RENEWAL_WINDOW_DAYS } from '../../rules/anniversary.js';
import { anniversaryView } from '../../rules/anniversary-view.js';
import { currentAnniversary } from '../../rules/cycle.js';
import { calendarDateIn, longDate } from '../../rules/plain-date.js';
import { QUESTION_SUGGESTIONS } from '../../rules/suggestions.js';
import { welcomeView } from '../../rules/welcome.js';
import { AppError } from '../app-error.js';
import type { BotDependencies } from '../dependencies.js';
import type { TurnIdentity } from '../turn-identity.js';
import { mayEditProfile } from './setup-form.js';

export function createMarkRenewedHandler(deps: BotDependencies) {
  const { storage, now, log } = deps;
  return async function markRenewed(identity: TurnIdentity): Promise<CardAttachment> {
    const org = await storage.getOrganization(identity.tenantId);
    if (!org) return renderCard('welcome', welcomeView({}));
    if (!mayEditProfile(org, identity) || !identity.user.aadObjectId) throw new AppError('profile.forbidden');
    const today = calendarDateIn(now(), org.timeZone);
    const status = anniversaryStatus(currentAnniversary(org), today);
    // Before the window opens there is nothing to renew yet; refusing also makes a double click harmless.
    if (status.daysLeft > RENEWAL_WINDOW_DAYS) {
      return renderCard('notice', {
        title: 'Nothing to mark yet',
        message: `The renewal for the anniversary on ${longDate(status.anniversary)} opens on ${longDate(status.windowOpens)}. Mark it done once you have renewed.`,
        suggestions: QUESTION_SUGGESTIONS,
      });
    }
    const renewed = { ...org, renewedCycles: org.renewedCycles + 1 };
    await storage.saveOrganization(renewed);
    log.info({ tenantId: org.tenantId, renewedCycle: status.anniversary }, 'renewal marked done');
    return renderCard('anniversary', anniversaryView(renewed, today));
  };
}
