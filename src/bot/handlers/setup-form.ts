/**
 * The organization profile form: who may open and submit it, and what a submit writes.
 * Nobody may edit an existing profile but its admins and the Primary Program Contact.
 */
import { renderCard, type CardAttachment } from '../../cards/render-card.js';
import type { Catalog } from '../../rules/catalog.js';
import { isPrimaryContact } from '../../rules/contact.js';
import { currentAnniversary, cycleForDate } from '../../rules/cycle.js';
import type { Organization } from '../../rules/organization.js';
import { parseProfileForm, setupFormView } from '../../rules/profile-form.js';
import { profileSavedView } from '../../rules/profile-saved.js';
import { AppError } from '../app-error.js';
import type { BotDependencies } from '../dependencies.js';
import type { TurnIdentity } from '../turn-identity.js';

export function mayEditProfile(org: Organization | undefined, identity: TurnIdentity): boolean {
  if (!org) return true;
  const aadObjectId = identity.user.aadObjectId;
  if (!aadObjectId) return false;
  return org.admins.includes(aadObjectId) || isPrimaryContact(org, { aadObjectId });
}

export function showSetupForm(org: Organization | undefined, identity: TurnIdentity, catalog: Catalog): CardAttachment {
  if (!mayEditProfile(org, identity)) throw new AppError('profile.forbidden');
  return renderCard('setup-form', setupFormView(catalog, { profile: org && { ...org, anniversaryDate: currentAnniversary(org) } }));
}

export function createProfileSubmitHandler(deps: BotDependencies) {
  const { storage, catalog, log } = deps;
  return async function saveProfile(form: Record<string, unknown>, identity: TurnIdentity): Promise<CardAttachment> {
    const existing = await storage.getOrganization(identity.tenantId);
    if (!mayEditProfile(existing, identity)) throw new AppError('profile.forbidden');
    const submitter = identity.user.aadObjectId;
    if (!existing && !submitter) throw new AppError('user.unidentified');

    const result = parseProfileForm(form, catalog);
    if (!result.ok) return renderCard('setup-form', setupFormView(catalog, { profile: existing, rejected: result }));

    // The tenant comes from the activity and the admins from storage: nothing in the form can move them.
    // The form shows the current cycle's anniversary; one of the stored anchor's anniversaries keeps
    // the anchor (a 29 February survives), any other date starts counting from itself.
    const admins = existing?.admins ?? [submitter as string];
    const organization: Organization = { ...result.profile, tenantId: identity.tenantId, admins, ...cycleForDate(existing, result.profile.anniversaryDate) };
    await storage.saveOrganization(organization);
    log.info({ tenantId: identity.tenantId, created: !existing }, 'profile saved');
    return renderCard('profile-saved', profileSavedView(organization, catalog));
  };
}
