/**
 * Where a tenant's reminders are posted: the General channel of the first team the app was added
 * to, or a channel an admin or the Primary Program Contact picks with "post reminders here". Another
 * install does not move them, and only removing the app from that same team stops them.
 */
import { TurnContext, type Activity } from 'botbuilder';
import { renderCard, type CardAttachment } from '../../cards/render-card.js';
import { QUESTION_SUGGESTIONS } from '../../rules/suggestions.js';
import { AppError } from '../app-error.js';
import type { BotDependencies } from '../dependencies.js';
import type { TurnIdentity } from '../turn-identity.js';
import { mayEditProfile } from './setup-form.js';
import { escapeMarkdown } from '../../rules/markdown.js';

/** The team of a channel activity, when Teams says which. */
export function teamOf(activity: Partial<Activity>): { id: string } | undefined {
  const team = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team;
  return typeof team?.id === 'string' && team.id !== '' ? { id: team.id } : undefined;
}

/** A channel's own conversation id: a message in a thread arrives as `<channel>;messageid=<id>`. */
export function channelConversationId(conversationId: string): string {
  return conversationId.split(';')[0] as string;
}

export function createReminderChannelHandlers(deps: BotDependencies) {
  const { storage, log } = deps;

  /** The conversation reference of the channel `conversationId`, as plain JSON for storage. */
  function referenceFor(activity: Partial<Activity>, conversationId: string): Record<string, unknown> {
    const reference = TurnContext.getConversationReference(activity);
    return JSON.parse(JSON.stringify({ ...reference, conversation: { ...reference.conversation, id: conversationId } })) as Record<string, unknown>;
  }

  async function saveTarget(activity: Partial<Activity>, identity: TurnIdentity, conversationId: string): Promise<'created' | 'updated' | 'unchanged'> {
    const team = teamOf(activity) as { id: string };
    const result = await storage.saveReminderTarget({
      tenantId: identity.tenantId,
      teamId: team.id,
      conversationId,
      serviceUrl: activity.serviceUrl ?? '',
      conversationReference: referenceFor(activity, conversationId),
    });
    log.info({ tenantId: identity.tenantId, teamId: team.id, result }, 'reminder channel saved');
    return result;
  }

  return {
    /**
     * On install into a team: its General channel (whose id is the team id) becomes the target, unless
     * the organization's reminders already go to another team ('elsewhere': the installer is told).
     */
    async onAddedToTeam(activity: Partial<Activity>, identity: TurnIdentity): Promise<'elsewhere' | 'saved' | 'not-a-team'> {
      const team = teamOf(activity);
      if (!team) return 'not-a-team';
      const reference = referenceFor(activity, team.id);
      const result = await storage.claimReminderTarget({ tenantId: identity.tenantId, teamId: team.id, conversationId: team.id, serviceUrl: activity.serviceUrl ?? '', conversationReference: reference });
      log.info({ tenantId: identity.tenantId, teamId: team.id, result }, result === 'elsewhere' ? 'install left the reminder channel where it is' : 'reminder channel saved');
      return result === 'elsewhere' ? 'elsewhere' : 'saved';
    },

    /** Only removal from the target's own team stops reminders; leaving a chat or another team does not. */
    async onRemovedFromTeam(activity: Partial<Activity>, identity: TurnIdentity): Promise<void> {
      const team = teamOf(activity);
      if (!team) return;
      const deactivated = await storage.deactivateReminderTarget(identity.tenantId, 'the app was removed from the team', team.id);
      log.info({ tenantId: identity.tenantId, teamId: team.id, deactivated }, 'app removed from a team');
    },

    /** "post reminders here", in a channel, by an admin or the Primary Program Contact. */
    async postRemindersHere(activity: Partial<Activity>, identity: TurnIdentity): Promise<CardAttachment> {
      const team = teamOf(activity);
      if (!team || !activity.conversation?.id) {
        return renderCard('notice', {
          title: 'Reminders go to a team channel',
          message: 'Say "post reminders here" in the channel of a team where the app is installed, by @mentioning me there.',
          suggestions: QUESTION_SUGGESTIONS,
        });
      }
      const org = await storage.getOrganization(identity.tenantId);
      if (!org || !mayEditProfile(org, identity) || !identity.user.aadObjectId) throw new AppError('profile.forbidden');
      await saveTarget(activity, identity, channelConversationId(activity.conversation.id));
      return renderCard('notice', {
        title: 'Reminders will be posted here',
        message: `Renewal reminders for ${escapeMarkdown(org.name)} will appear in this channel: when the renewal window opens, two weeks before the anniversary, when a customer reference is about to expire, and when requirements change.`,
        suggestions: QUESTION_SUGGESTIONS,
      });
    },
  };
}
