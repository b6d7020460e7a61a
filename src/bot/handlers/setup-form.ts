/**
 * The organization profile form: who may open and submit it, and what a submit writes.
 * Nobody may edit an existing profile but its admins and the Primary Program Contact.
 */
import { renderCard } from '../../cards/render-card.js';
import { currentAnniversary, cycleForDate } from '../../rules/cycle.js';
import type { Organization } from '../../rules/organization.js';
import { canSetUp } from '../../rules/permissions.js';
import { parseProfileForm, setupFormView } from '../../rules/profile-form.js';
import { profileSavedView } from '../../rules/profile-saved.js';
import { AppError } from '../app-error.js';
import type { HandlerDependencies } from '../dependencies.js';
import { notAllowedTo } from '../refusals.js';
import type { ActionRoute, Route } from './route.js';

export function createSetupRoutes(deps: HandlerDependencies) {
  const { storage, catalog, log, today } = deps;

  const showForm: Route<'setup'> = async (intent, turn, org) => {
    if (!canSetUp(org, turn.user)) throw notAllowedTo('change-profile', org);
    const profile = org && { ...org, anniversaryDate: currentAnniversary(org, today(org)) };
    return renderCard('setup-form', setupFormView(catalog, { profile, correctingAnniversary: org !== undefined && intent.field === 'anniversary', storedAnniversary: org?.anniversaryDate }));
  };

  const saveProfile: ActionRoute = async (form, turn, existing) => {
    if (!canSetUp(existing, turn.user)) throw notAllowedTo('change-profile', existing);
    const submitter = turn.user.aadObjectId;
    if (!existing && !submitter) throw new AppError('user.unidentified');

    const result = parseProfileForm(form, catalog);
    if (!result.ok) return renderCard('setup-form', setupFormView(catalog, { profile: existing, rejected: result }));

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
