/**
 * The Admins card: "admins" (or its button on the profile-saved card) shows who they are; admins and
 * the Primary Program Contact add one from the conversation's members (chosen, or found by email)
 * and remove one, never the last. A person is added only as Teams lists them in this conversation,
 * with the role Teams gives: a submitted id alone adds no one. Every change is logged with who made it.
 */
import { z } from 'zod';
import { renderCard, type CardAttachment } from '../../cards/render-card.js';
import { changeAdmins, memberByEmail, type AdminChange, type AdminChangeOutcome, type Member } from '../../rules/people/admins.js';
import { adminName, adminsView, type AdminsNotice } from '../../rules/people/admins-view.js';
import { DirectoryIdSchema, type Organization } from '../../rules/organization/organization.js';
import { canManage } from '../../rules/people/permissions.js';
import { AppError } from '../app-error.js';
import type { HandlerDependencies } from '../dependencies.js';
import { sameTenant, type Turn } from '../turn.js';
import type { OrganizationActionRoute, OrganizationRoute } from './route.js';

const CardDataSchema = z.object({ tenantId: z.string().trim().min(1).max(128) }).loose();
// An empty choice or field is submitted as '' (or left out): nothing chosen there.
const AddDataSchema = CardDataSchema.extend({
  newAdmin: z.union([z.literal(''), DirectoryIdSchema]).default(''),
  newAdminEmail: z.string().trim().max(320).default(''),
});
const RemoveDataSchema = CardDataSchema.extend({ aadObjectId: DirectoryIdSchema });
const EmailSchema = z.email();

export function createAdminRoutes(deps: HandlerDependencies) {
  const { storage, log } = deps;

  function render(org: Organization, turn: Turn, members: readonly Member[] | undefined, notice?: AdminsNotice): CardAttachment {
    return renderCard('admins', adminsView({ org, viewer: turn.user, members, scope: turn.scope, notice }));
  }

  /** Only those who may change admins are offered the conversation's members (one call to Teams). */
  const show: OrganizationRoute<'admins'> = async (_intent, turn, org) => render(org, turn, canManage(org, turn.user) ? await turn.members.members() : undefined);

  /** Checks the card's data and the asker's right before anything is asked of Teams or written. */
  function allowed<T extends z.ZodType<{ tenantId: string }>>(schema: T, data: Record<string, unknown>, turn: Turn, org: Organization): z.infer<T> {
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new AppError('input.invalid', { reason: 'admins card data' });
    sameTenant(parsed.data, turn, 'admins');
    if (!canManage(org, turn.user)) throw new AppError('admins.forbidden');
    return parsed.data;
  }

  /** Applies the change to the organization as stored when it is written, logs it, and shows the card. */
  async function apply(change: AdminChange, name: string, turn: Turn, members: readonly Member[] | undefined): Promise<CardAttachment> {
    const decided = await storage.changeOrganization<{ current: Organization; outcome: AdminChangeOutcome } | undefined>(turn.tenantId, (current) => {
      if (!current) return { result: undefined };
      const outcome = changeAdmins(current, change, turn.user);
      return { write: outcome.ok ? outcome.organization : undefined, result: { current, outcome } };
    });
    if (!decided) throw new AppError('input.invalid', { reason: 'no organization to change' });
    const { current, outcome } = decided;
    if (!outcome.ok) {
      // Rights lost since the turn began (another admin removed this one): refused like any outsider.
      if (outcome.refusal === 'not-allowed') throw new AppError('admins.forbidden');
      return render(current, turn, members, { refused: outcome.refusal, name });
    }
    log.info({ tenantId: turn.tenantId, by: turn.user.aadObjectId, added: outcome.added, removed: outcome.removed, admins: outcome.organization.admins.length }, 'admins changed');
    return render(outcome.organization, turn, members, change.kind === 'add' ? { added: name } : { removed: name });
  }

  const add: OrganizationActionRoute = async (data, turn, org) => {
    const { newAdmin, newAdminEmail } = allowed(AddDataSchema, data, turn, org);
    if (newAdmin && newAdminEmail) return render(org, turn, await turn.members.members(), { bothChosen: true });
    if (!newAdmin && !newAdminEmail) return render(org, turn, await turn.members.members(), { nobodyChosen: true });
    if (newAdminEmail && !EmailSchema.safeParse(newAdminEmail).success) return render(org, turn, await turn.members.members(), { emailInvalid: true });
    const members = await turn.members.members();
    if (!members) return render(org, turn, members, { membersUnavailable: true });
    const member = newAdmin ? members.find((listed) => listed.aadObjectId === newAdmin) : memberByEmail(members, newAdminEmail);
    if (!member) return render(org, turn, members, newAdmin ? { notListed: true } : { emailUnknown: newAdminEmail });
    return apply({ kind: 'add', member }, member.name, turn, members);
  };

  const remove: OrganizationActionRoute = async (data, turn, org) => {
    const { aadObjectId } = allowed(RemoveDataSchema, data, turn, org);
    const members = await turn.members.members();
    return apply({ kind: 'remove', aadObjectId }, adminName(org, aadObjectId, members), turn, members);
  };

  return { show, add, remove };
}
