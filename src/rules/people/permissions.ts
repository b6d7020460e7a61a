/**
 * Who may manage an organization's renewal in the bot (change its profile, mark the renewal done,
 * move its reminders, replace its calendar link): its admins and its Primary Program Contact,
 * recognized by their Azure AD object id. Before an organization exists, whoever sets it up becomes
 * its first admin.
 */
import { isPrimaryContact } from './contact.js';
import type { Organization } from '../organization/organization.js';

export interface Person {
  aadObjectId?: string;
}

/** @example canManage(org, { aadObjectId: org.admins[0] }) // true */
export function canManage(organization: Organization, person: Person): boolean {
  const aadObjectId = person.aadObjectId;
  if (!aadObjectId) return false;
  return organization.admins.includes(aadObjectId) || isPrimaryContact(organization, { aadObjectId });
}

/** The setup form: open to anyone while there is no organization, then to those who manage it. */
export function canSetUp(organization: Organization | undefined, person: Person): boolean {
  return organization === undefined || canManage(organization, person);
}
