/**
 * Where a tenant's reminders are posted: the General channel of the first team the app was added
 * to, or a channel an admin or the Primary Program Contact picks with "post reminders here". Another
 * install does not move them, and only removing the app from that same team stops them.
 */
import { renderCard } from '../../cards/render-card.js';
import { canManage } from '../../rules/people/permissions.js';
import { remindersNeedChannelView, remindersPostedHereView } from '../../rules/reminders/channel-notices.js';
import { notAllowedTo } from '../refusals.js';
import type { HandlerDependencies } from '../dependencies.js';
import { channelConversationId, referenceTo, type Turn } from '../turn.js';
import type { OrganizationRoute } from './route.js';

export function createReminderChannelHandlers(deps: HandlerDependencies) {
  const { storage, log } = deps;

  /** "post reminders here", in a channel, by an admin or the Primary Program Contact. */
  const postRemindersHere: OrganizationRoute<'reminders-here'> = async (_intent, turn, org) => {
    if (!turn.team) return renderCard('notice', remindersNeedChannelView());
    if (!canManage(org, turn.user)) throw notAllowedTo('move-reminders', org);
    const conversationId = channelConversationId(turn.conversationId);
    const result = await storage.saveReminderTarget({ tenantId: turn.tenantId, teamId: turn.team.id, conversationId, serviceUrl: turn.serviceUrl, conversationReference: referenceTo(turn, conversationId) });
    log.info({ tenantId: turn.tenantId, teamId: turn.team.id, result }, 'reminder channel saved');
    return renderCard('notice', remindersPostedHereView(org.name));
  };

  return {
    postRemindersHere,

    /**
     * On install into a team: its General channel (whose id is the team id) becomes the target, unless
     * the organization's reminders already go to another team ('elsewhere': the installer is told).
     */
    async onAddedToTeam(turn: Turn): Promise<'elsewhere' | 'saved' | 'not-a-team'> {
      if (!turn.team) return 'not-a-team';
      const teamId = turn.team.id;
      const result = await storage.claimReminderTarget({ tenantId: turn.tenantId, teamId, conversationId: teamId, serviceUrl: turn.serviceUrl, conversationReference: referenceTo(turn, teamId) });
      log.info({ tenantId: turn.tenantId, teamId, result }, result === 'elsewhere' ? 'install left the reminder channel where it is' : 'reminder channel saved');
      return result === 'elsewhere' ? 'elsewhere' : 'saved';
    },

    /** Only removal from the target's own team stops reminders; leaving a chat or another team does not. */
    async onRemovedFromTeam(turn: Turn): Promise<void> {
      if (!turn.team) return;
      const deactivated = await storage.deactivateReminderTarget(turn.tenantId, 'the app was removed from the team', turn.team.id);
      log.info({ tenantId: turn.tenantId, teamId: turn.team.id, deactivated }, 'app removed from a team');
    },
  };
}
