/**
 * The renewal checklist card: opened by "checklist", ticked through Universal Actions
 * (Action.Execute → adaptiveCard/action invoke), answered with the updated card, and refreshed for
 * everyone looking at it. Ticks are stored per organization and cycle.
 */
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { renderCard, type CardAttachment } from '../../cards/render-card.js';
import { checklistItems, checklistView } from '../../rules/checklist.js';
import { currentAnniversary } from '../../rules/cycle.js';
import type { Organization } from '../../rules/organization.js';
import { calendarDateIn, isPlainDate } from '../../rules/plain-date.js';
import { welcomeView } from '../../rules/welcome.js';
import { AppError } from '../app-error.js';
import type { BotDependencies } from '../dependencies.js';
import { readerTimeZone } from '../reader-zone.js';
import type { TurnIdentity } from '../turn-identity.js';

const CycleSchema = z.string().refine(isPlainDate);
const RefreshDataSchema = z.object({ tenantId: z.string().min(1).max(128), cycle: CycleSchema }).loose();
const ToggleDataSchema = RefreshDataSchema.extend({ itemId: z.string().min(1).max(400), done: z.boolean() });

export function createChecklistHandlers(deps: BotDependencies) {
  const { storage, catalog, now, log } = deps;

  async function render(org: Organization, identity: TurnIdentity, activity: Partial<Activity>, cycle: string): Promise<CardAttachment> {
    const ticks = await storage.checklistMarks(identity.tenantId, cycle);
    const viewers = new Set([identity.user.id, ...ticks.map((tick) => tick.changedById)]);
    return renderCard(
      'checklist',
      checklistView({
        org,
        tenantId: identity.tenantId,
        cycle,
        currentCycle: currentAnniversary(org),
        today: calendarDateIn(now(), org.timeZone),
        ticks,
        catalog,
        readerZone: readerTimeZone(activity) ?? org.timeZone,
        refreshUserIds: [...viewers],
      }),
    );
  }

  /** The card's data names a tenant: a card carried into another tenant must not act there. */
  function sameTenant(data: { tenantId: string }, identity: TurnIdentity): void {
    if (data.tenantId.toLowerCase() !== identity.tenantId) throw new AppError('tenant.mismatch', { where: 'checklist' });
  }

  async function organizationOf(identity: TurnIdentity): Promise<Organization> {
    const org = await storage.getOrganization(identity.tenantId);
    if (!org) throw new AppError('input.invalid', { reason: 'checklist without an organization' });
    return org;
  }

  return {
    async show(identity: TurnIdentity, activity: Partial<Activity>): Promise<CardAttachment> {
      const org = await storage.getOrganization(identity.tenantId);
      if (!org) return renderCard('welcome', welcomeView({}));
      return render(org, identity, activity, currentAnniversary(org));
    },

    async refresh(data: unknown, identity: TurnIdentity, activity: Partial<Activity>): Promise<CardAttachment> {
      const parsed = RefreshDataSchema.safeParse(data);
      if (!parsed.success) throw new AppError('input.invalid', { reason: 'checklist refresh data' });
      sameTenant(parsed.data, identity);
      return render(await organizationOf(identity), identity, activity, parsed.data.cycle);
    },

    async toggle(data: unknown, identity: TurnIdentity, activity: Partial<Activity>): Promise<CardAttachment> {
      const parsed = ToggleDataSchema.safeParse(data);
      if (!parsed.success) throw new AppError('input.invalid', { reason: 'checklist toggle data' });
      sameTenant(parsed.data, identity);
      const org = await organizationOf(identity);
      const { cycle, itemId, done } = parsed.data;
      const current = currentAnniversary(org);
      // A tick on an earlier cycle's card changes nothing: that renewal is over; show it as it was.
      if (cycle !== current) return render(org, identity, activity, cycle);
      const today = calendarDateIn(now(), org.timeZone);
      if (!checklistItems(org, cycle, today, catalog).some((item) => item.id === itemId)) {
        throw new AppError('input.invalid', { reason: 'unknown checklist item' });
      }
      await storage.markChecklistItem(identity.tenantId, cycle, {
        itemId,
        done,
        changedByName: identity.user.name ?? 'someone',
        changedById: identity.user.id,
        changedAt: now().toISOString(),
      });
      log.info({ tenantId: identity.tenantId, cycle, itemId, done }, 'checklist item changed');
      return render(org, identity, activity, cycle);
    },
  };
}
