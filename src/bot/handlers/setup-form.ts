/**
 * The organization profile form: who may open and submit it, and what a submit writes.
 * Nobody may edit an existing profile but its admins and the Primary Program Contact.
 */
import { renderLargestFitting } from '../../cards/fit-card.js';
import { renderCard, type CardAttachment } from '../../cards/render-card.js';
import { currentAnniversary, cycleForDate } from '../../rules/cycle.js';
import type { Organization } from '../../rules/organization.js';
import { canSetUp } from '../../rules/permissions.js';
import { parseProfileForm, setupFormView } from '../../rules/profile-form.js';
import { LINED_FIELDS, type ListStarts } from '../../rules/profile-form-lists.js';
import { profileSavedView } from '../../rules/profile-saved.js';
import { AppError } from '../app-error.js';
import type { HandlerDependencies } from '../dependencies.js';
import { notAllowedTo } from '../refusals.js';
import type { SetupFormValues, SetupFormView } from '../../rules/view-models.js';
import type { ActionRoute, Route } from './route.js';

export function createSetupRoutes(deps: HandlerDependencies) {
  const { storage, catalog, log, today } = deps;

  /** The form shows the current cycle's anniversary. */
  const shown = (org: Organization | undefined) => org && { ...org, anniversaryDate: currentAnniversary(org, today(org)) };

  const showForm: Route<'setup'> = async (intent, turn, org) => {
    if (!canSetUp(org, turn.user)) throw notAllowedTo('change-profile', org);
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

    const result = parseProfileForm(form, catalog, existing);
    if (!result.ok) {
      // Shown again as typed, or (a list changed meanwhile) anew from the profile at the same lines.
      const starts = Object.fromEntries(LINED_FIELDS.map((field) => [field, result.windows[field]?.from ?? 0]));
      return fittingForm(existing, starts, (lines) => setupFormView(catalog, { profile: shown(existing), rejected: result, lines }), result.listsChanged ? undefined : result.values);
    }

    // The tenant comes from the activity and the admins from storage: nothing in the form can move them.
    // The form shows the current cycle's anniversary; one of the stored anchor's anniversaries keeps
    // the anchor (a 29 February survives), any other date starts counting from itself.
    const admins = existing?.admins ?? [submitter as string];
    const organization: Organization = { ...result.profile, tenantId: turn.tenantId, admins, ...cycleForDate(existing, result.profile.anniversaryDate) };
    await storage.saveOrganization(organization);
    log.info({ tenantId: turn.tenantId, created: !existing }, 'profile saved');
    return renderCard('profile-saved', profileSavedView(organization, catalog));
  };

  return { showForm, saveProfile };
}
