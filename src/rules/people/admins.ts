/**
 * Who the admins of an organization are and how they change. The first admin is whoever saves the
 * first profile, and only a member of the tenant may: Teams calls a guest `guest` and a meeting
 * visitor `anonymous`, and neither may become an admin. Afterwards admins and the Primary Program
 * Contact add and remove admins, and there is always at least one.
 */
import { asOneLineText, type Organization } from '../organization/organization.js';
import { canManage, type Person } from './permissions.js';

/** The most admins an organization may have (the profile schema's bound). */
export const MAX_ADMINS = 100;

/** What Teams says a person is in the tenant (TeamsChannelAccount.userRole): 'user', 'guest' or 'anonymous'. */
export type TeamsRole = string;

/**
 * Only a member of the tenant may become an admin, the author of the first profile included: not a
 * guest, not an anonymous meeting visitor, nor anyone Teams gave no role.
 * @example mayBecomeAdmin('guest') // false
 */
export function mayBecomeAdmin(role: TeamsRole | undefined): boolean {
  return role === 'user';
}

/** A person as Teams lists them in a conversation. */
export interface Member {
  aadObjectId: string;
  name: string;
  /** Lower case; the email Teams gives, or the user principal name. */
  emails: string[];
  role: TeamsRole | undefined;
}

export type AdminChange = { kind: 'add'; member: Member } | { kind: 'remove'; aadObjectId: string };

export type AdminChangeRefusal = 'not-allowed' | 'last-admin' | 'already-admin' | 'not-an-admin' | 'not-a-member' | 'too-many';

export type AdminChangeOutcome =
  | { ok: true; organization: Organization; added: string[]; removed: string[] }
  | { ok: false; refusal: AdminChangeRefusal };

/**
 * Applies one change of admins asked by `byWhom`, or says why not. The name of an added admin is
 * kept for the Admins card; a removed admin's name goes with them.
 * @example changeAdmins(org, { kind: 'remove', aadObjectId: org.admins[0] }, { aadObjectId: org.admins[0] }) // { ok: false, refusal: 'last-admin' } with one admin
 */
export function changeAdmins(org: Organization, change: AdminChange, byWhom: Person): AdminChangeOutcome {
  if (!canManage(org, byWhom)) return { ok: false, refusal: 'not-allowed' };
  const names = { ...org.adminNames };
  if (change.kind === 'add') {
    const { aadObjectId, name, role } = change.member;
    if (!mayBecomeAdmin(role)) return { ok: false, refusal: 'not-a-member' };
    if (org.admins.includes(aadObjectId)) return { ok: false, refusal: 'already-admin' };
    if (org.admins.length >= MAX_ADMINS) return { ok: false, refusal: 'too-many' };
    names[aadObjectId] = name;
    return { ok: true, organization: { ...org, admins: [...org.admins, aadObjectId], adminNames: names }, added: [aadObjectId], removed: [] };
  }
  const { aadObjectId } = change;
  if (!org.admins.includes(aadObjectId)) return { ok: false, refusal: 'not-an-admin' };
  if (org.admins.length <= 1) return { ok: false, refusal: 'last-admin' };
  delete names[aadObjectId];
  return { ok: true, organization: { ...org, admins: org.admins.filter((id) => id !== aadObjectId), adminNames: names }, added: [], removed: [aadObjectId] };
}

/** The organization's first admin: the author of its first profile, with the name Teams gave them. */
export function firstAdmin(aadObjectId: string, name: string | undefined): Pick<Organization, 'admins' | 'adminNames'> {
  return name ? { admins: [aadObjectId], adminNames: { [aadObjectId]: name } } : { admins: [aadObjectId] };
}

/**
 * The member with this email (or user principal name) among `members`, case-insensitively.
 * @example memberByEmail(members, 'Alex@Contoso.example')?.name // 'Alex Wilber'
 */
export function memberByEmail(members: readonly Member[], email: string): Member | undefined {
  const wanted = email.trim().toLowerCase();
  return members.find((member) => member.emails.includes(wanted));
}

/**
 * A display name from Teams as the profile may store it: one line, at most 200 characters; undefined when empty.
 * @example displayName(' Alex\nWilber ') // 'Alex Wilber'
 */
export function displayName(text: string | undefined): string | undefined {
  const name = asOneLineText(text ?? '').replace(/\s+/g, ' ').trim().slice(0, 200).trim();
  return name === '' ? undefined : name;
}
