/**
 * The organization profile form: who may open and submit it, and what a submit writes.
 * Nobody may edit an existing profile but its admins and the Primary Program Contact, and the first
 * profile, whose author becomes its admin, only a member of the tenant may save (Teams says who is).
 */
import { renderLargestFitting } from '../../cards/fit-card.js';
import { renderCard, type CardAttachment } from '../../cards/render-card.js';
import { displayName, firstAdmin, mayBecomeAdmin } from '../../rules/people/admins.js';
import { currentAnniversary, cycleForDate } from '../../rules/cycle/cycle.js';
import type { Organization } from '../../rules/organization/organization.js';
import { canSetUp } from '../../rules/people/permissions.js';
import { parseProfileForm, setupFormView, type SetupFormValues, type SetupFormView } from '../../rules/setup/profile-form.js';
import { LINED_FIELDS, type ListStarts } from '../../rules/questions/parameters.js';
import { profileSavedView } from '../../rules/setup/profile-saved.js';
import { AppError } from '../app-error.js';
import type { HandlerDependencies } from '../dependencies.js';
import { notAllowedTo } from '../refusals.js';
import type { Turn } from '../turn.js';
import type { ActionRoute, Route } from './route.js';

/** Refuses, fail-closed, anyone Teams does not confirm as a member of the tenant: a guest, an anonymous visitor, or no answer. */
async function confirmMayBecomeFirstAdmin(turn: Turn): Promise<void> {
  const role = await turn.members.roleOfAsker();
  if (role === undefined) throw new AppError('role.unconfirmed');
  if (!mayBecomeAdmin(role)) throw new AppError('profile.not-a-member', { role: role.slice(0, 32) });
}

export function createSetupRoutes(deps: HandlerDependencies) {
  const { storage, catalog, log, today } = deps;

  /** The form shows the current cycle's anniversary. */
  const shown = (org: Organization | undefined) => org && { ...org, anniversaryDate: currentAnniversary(org, today(org)) };

  const showForm: Route<'setup'> = async (intent, turn, org) => {
    if (!canSetUp(org, turn.user)) throw notAllowedTo('change-profile', org);
    // Told before filling in the form, not after: a guest could not save it.
    if (!org) await confirmMayBecomeFirstAdmin(turn);
    const correctingAnniversary = org !== undefined && intent.field === 'anniversary';
    return fittingForm(org, intent.lines ?? {}, (lines) => setupFormView(catalog, { profile: shown(org), correctingAnniversary, lines, storedAnniversary: org?.anniversaryDate }));
  };

  /**
   * The form with each long list shown from its start, as many lines of each as fit in one message (all
   * of them for most profiles); saving it replaces only the lines shown (profile-form-lists.ts).
   */
  function fittingForm(org: Organization | undefined, starts: ListStarts, viewOf: (lines: { starts: ListStarts; count: number }) => SetupFormView, typed?: SetupFormValues): CardAttachment {
    const longest = Math.max(1, ...LINED_FIELDS.map((field) => (typed ? typed[field].split('\n').length : (org?.[field].length ?? 0) - (starts[field] ?? 0))));
    return renderLargestFitting('setup-form', 1, longest, (count) => viewOf({ starts, count }));
  }

  const saveProfile: ActionRoute = async (form, turn, existing) => {
    if (!canSetUp(existing, turn.user)) throw notAllowedTo('change-profile', existing);
    const submitter = turn.user.aadObjectId;
    if (!existing && !submitter) throw new AppError('user.unidentified');
    if (!existing) await confirmMayBecomeFirstAdmin(turn);

    const result = parseProfileForm(form, catalog, existing);
    if (!result.ok) {
      // Shown again as typed, or (a list changed meanwhile) anew from the profile at the same lines.
      const starts = Object.fromEntries(LINED_FIELDS.map((field) => [field, result.windows[field]?.from ?? 0]));
      return fittingForm(existing, starts, (lines) => setupFormView(catalog, { profile: shown(existing), rejected: result, lines }), result.listsChanged ? undefined : result.values);
    }

    // Decided again on the stored organization, in the write's transaction: someone may have set it up,
    // or changed its admins, since this turn read it. The tenant comes from the activity and the admins
    // from storage (or this turn's confirmed author): nothing in the form can move them. The form shows
    // the current cycle's anniversary; one of the stored anchor's anniversaries keeps the anchor (a 29
    // February survives), any other date starts counting from itself.
    const saved = await storage.changeOrganization(turn.tenantId, (current) => {
      const admins = current ? { admins: current.admins, adminNames: current.adminNames } : !existing && submitter ? firstAdmin(submitter, displayName(turn.user.name)) : undefined;
      if (!admins || !canSetUp(current, turn.user)) return { result: undefined };
      const organization: Organization = { ...result.profile, tenantId: turn.tenantId, ...admins, ...cycleForDate(current, result.profile.anniversaryDate) };
      return { write: organization, result: { organization, created: !current } };
    });
    if (!saved) throw new AppError('profile.forbidden', { reason: 'changed while saving' });
    log.info({ tenantId: turn.tenantId, created: saved.created }, 'profile saved');
    if (saved.created) log.info({ tenantId: turn.tenantId, by: submitter, added: saved.organization.admins, removed: [], reason: 'first profile' }, 'admins changed');
    return renderCard('profile-saved', profileSavedView(saved.organization, catalog));
  };

  return { showForm, saveProfile };
}
