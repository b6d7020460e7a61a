/**
 * The renewal checklist card: opened by "checklist", ticked through Universal Actions
 * (Action.Execute → adaptiveCard/action invoke), answered with the updated card, and refreshed for
 * everyone looking at it. Ticks are stored per organization and cycle.
 */
import { z } from 'zod';
import { renderChecklistCard } from '../../cards/checklist-card.js';
import type { CardAttachment } from '../../cards/render-card.js';
import { checklistItems, type ChecklistItem } from '../../rules/checklist/checklist.js';
import { currentAnniversary } from '../../rules/cycle/cycle.js';
import type { Organization } from '../../rules/organization/organization.js';
import { anchorOf, FIRST_PAGE, PageIndexSchema, type PageAnchor } from '../../rules/common/paging.js';
import { isPlainDate } from '../../rules/common/plain-date.js';
import { AppError } from '../app-error.js';
import type { HandlerDependencies } from '../dependencies.js';
import { whenPosted } from '../posted-card.js';
import { channelConversationId, sameTenant, type Turn } from '../turn.js';
import type { OrganizationActionRoute, OrganizationRoute } from './route.js';

const CycleSchema = z.string().refine(isPlainDate);
/** The page of a paged card (paging.ts): `from` an item, or going back `until` one; neither: the first. */
const RefreshDataSchema = z.object({ tenantId: z.string().min(1).max(128), cycle: CycleSchema, from: PageIndexSchema.optional(), until: PageIndexSchema.optional() }).loose();
const ToggleDataSchema = RefreshDataSchema.extend({ itemId: z.string().min(1).max(400), done: z.boolean() });

export function createChecklistRoutes(deps: HandlerDependencies) {
  const { storage, catalog, now, today, log } = deps;

  /** `items`: the cycle's checklist items, when the handler has them already. */
  async function render(org: Organization, turn: Turn, cycle: string, anchor: PageAnchor = FIRST_PAGE, items?: readonly ChecklistItem[]): Promise<CardAttachment> {
    const ticks = await storage.checklistMarks(turn.tenantId, cycle);
    const viewers = new Set([turn.user.id, ...ticks.map((tick) => tick.changedById)]);
    return renderChecklistCard(
      {
        org,
        tenantId: turn.tenantId,
        cycle,
        currentCycle: currentAnniversary(org, today(org)),
        today: today(org),
        ticks,
        catalog,
        readerZone: turn.readerZone ?? org.timeZone,
        refreshUserIds: [...viewers],
        items,
      },
      anchor,
    );
  }

  /** In the reminder channel, the card's message id is kept: a tick anywhere then updates it there. */
  const show: OrganizationRoute<'checklist'> = async (_intent, turn, org) => {
    const cycle = currentAnniversary(org, today(org));
    const card = await render(org, turn, cycle);
    const channelId = channelConversationId(turn.conversationId);
    const target = await storage.getReminderTarget(turn.tenantId);
    if (!target?.active || target.conversationId !== channelId) return card;
    return whenPosted(card, (activityId) => storage.recordChecklistPosted(turn.tenantId, { conversationId: turn.conversationId, channelId, activityId, cycle, at: now() }));
  };

  const refresh: OrganizationActionRoute = async (data, turn, org) => {
    const parsed = RefreshDataSchema.safeParse(data);
    if (!parsed.success) throw new AppError('input.invalid', { reason: 'checklist refresh data' });
    sameTenant(parsed.data, turn, 'checklist');
    return render(org, turn, parsed.data.cycle, anchorOf(parsed.data));
  };

  const toggle: OrganizationActionRoute = async (data, turn, org) => {
    const parsed = ToggleDataSchema.safeParse(data);
    if (!parsed.success) throw new AppError('input.invalid', { reason: 'checklist toggle data' });
    sameTenant(parsed.data, turn, 'checklist');
    const { cycle, itemId, done } = parsed.data;
    const current = currentAnniversary(org, today(org));
    // A tick on an earlier cycle's card changes nothing: that renewal is over; show it as it was.
    if (cycle !== current) return render(org, turn, cycle, anchorOf(parsed.data));
    const items = checklistItems(org, cycle, today(org), catalog);
    if (!items.some((item) => item.id === itemId)) {
      throw new AppError('input.invalid', { reason: 'unknown checklist item' });
    }
    // With the tick, the checklist card in the reminder channel (if any) is queued for an update.
    await storage.markChecklistItem(turn.tenantId, cycle, {
      itemId,
      done,
      changedByName: turn.user.name ?? 'someone',
      changedById: turn.user.id,
      changedAt: now().toISOString(),
    });
    log.info({ tenantId: turn.tenantId, cycle, itemId, done }, 'checklist item changed');
    deps.messagesChanged?.();
    return render(org, turn, cycle, anchorOf(parsed.data), items);
  };

  return { show, refresh, toggle };
}
