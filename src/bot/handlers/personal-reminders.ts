/**
 * The Primary Program Contact's side of personal reminders: their 1:1 chat is remembered when they
 * write in it (matched on the Azure AD object id Teams sends, never on a name), and they alone stop
 * or start the reminders there. Anyone else, or anywhere else, gets a card and nothing is written.
 */
import { renderCard } from '../../cards/render-card.js';
import type { Organization } from '../../rules/organization/organization.js';
import { personalRemindersNeedChatView, personalRemindersOffView, personalRemindersOnlyContactView, personalRemindersSwitchedView } from '../../rules/reminders/personal-notices.js';
import type { HandlerDependencies } from '../dependencies.js';
import type { Turn } from '../turn.js';
import type { OrganizationRoute } from './route.js';

/** The contact's object id when the turn is the contact writing in their 1:1 chat with the bot. */
function contactInPersonalChat(turn: Turn, org: Organization): string | undefined {
  const aadObjectId = turn.user.aadObjectId;
  if (turn.scope !== 'personal' || !aadObjectId || aadObjectId !== org.primaryContact.aadObjectId) return undefined;
  return aadObjectId;
}

export function createPersonalReminderHandlers(deps: HandlerDependencies) {
  const { storage, now, log } = deps;

  const switchPersonalReminders: OrganizationRoute<'personal-reminders'> = async (intent, turn, org) => {
    if (!deps.personalReminders) return renderCard('notice', personalRemindersOffView());
    if (turn.scope !== 'personal') return renderCard('notice', personalRemindersNeedChatView());
    const contact = contactInPersonalChat(turn, org);
    if (!contact) return renderCard('notice', personalRemindersOnlyContactView(org.primaryContact));
    await storage.setPersonalReminders(turn.tenantId, contact, intent.on, now());
    log.info({ tenantId: turn.tenantId, on: intent.on }, 'personal reminders switched by the Primary Program Contact');
    return renderCard('notice', personalRemindersSwitchedView(org.name, intent.on));
  };

  return {
    switchPersonalReminders,

    /** Every turn of the contact in their 1:1 chat keeps it as the place for personal reminders (one read when unchanged). */
    async rememberContactChat(turn: Turn, org: Organization | undefined): Promise<void> {
      const contact = deps.personalReminders && org && contactInPersonalChat(turn, org);
      if (!contact) return;
      await storage.rememberPersonalChat(turn.tenantId, contact, { conversationId: turn.conversationId, serviceUrl: turn.serviceUrl, conversationReference: turn.reference });
    },
  };
}
