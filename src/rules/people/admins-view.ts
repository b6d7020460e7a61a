/**
 * The Admins card: who the organization's admins are, and, for those who may change them (admins
 * and the Primary Program Contact), a choice of the conversation's members, an email field and a
 * Remove button per admin. It also says what the last change did, or why it was refused.
 */
import { mayBecomeAdmin, type AdminChangeRefusal, type Member } from './admins.js';
import { escapeMarkdown } from '../common/markdown.js';
import type { Organization } from '../organization/organization.js';
import { canManage, type Person } from './permissions.js';
import { SUGGESTIONS, type Suggestion } from '../questions/suggestions.js';

export const ADMINS_ADD_VERB = 'admins.add';
export const ADMINS_REMOVE_VERB = 'admins.remove';

/** People offered in the card's choice: more would crowd it (and its 28 KB); the others are added by email. */
export const PEOPLE_SHOWN = 100;

/** The data a button of the card submits: the organization's tenant (admins belong to no cycle), and for Remove, whom. */
export interface AdminsCardData {
  tenantId: string;
  aadObjectId?: string;
}

export interface AdminRowView {
  name: string;
  /** "You · Primary Program Contact · alex@contoso.example" ("You" in a 1:1 chat only), or ''. */
  detail: string;
  removable: boolean;
  removeData: AdminsCardData;
}

export interface AdminsView {
  organizationName: string;
  title: string;
  message: string;
  /** What the last change did ('' when none). */
  note: string;
  /** Why the last change was refused ('' when none). */
  problem: string;
  admins: AdminRowView[];
  canChange: boolean;
  peopleLabel: string;
  people: { title: string; value: string }[];
  /** About the choice: who is in it, who is not ('' when nothing to say). */
  peopleNote: string;
  emailLabel: string;
  addVerb: string;
  removeVerb: string;
  addData: AdminsCardData;
  suggestions: Suggestion[];
}

/** What the card reports about the change just asked for. */
export type AdminsNotice =
  | { added: string }
  | { removed: string }
  | { refused: Exclude<AdminChangeRefusal, 'not-allowed'>; name: string }
  | { emailUnknown: string }
  | { emailInvalid: true }
  | { nobodyChosen: true }
  | { bothChosen: true }
  | { notListed: true }
  | { membersUnavailable: true };

export interface AdminsViewInput {
  org: Organization;
  /** The asker. */
  viewer: Person;
  /** The conversation's members as Teams listed them; undefined when not asked or Teams did not answer. */
  members: readonly Member[] | undefined;
  /** 'personal', 'groupChat' or 'channel': says where the people offered come from. */
  scope: string;
  notice?: AdminsNotice;
}

/** The name to show for an admin: stored when they became one, else as Teams lists them, else the contact's, else the id. */
export function adminName(org: Organization, aadObjectId: string, members: readonly Member[] = []): string {
  const stored = org.adminNames?.[aadObjectId];
  if (stored) return stored;
  const listed = members.find((member) => member.aadObjectId === aadObjectId)?.name;
  if (listed) return listed;
  if (org.primaryContact.aadObjectId === aadObjectId) return org.primaryContact.name;
  return `Azure AD object id ${aadObjectId}`;
}

function where(scope: string): string {
  return scope === 'channel' ? 'team' : 'chat';
}

function noticeText(notice: AdminsNotice | undefined, scope: string): { note: string; problem: string } {
  const problem = (text: string) => ({ note: '', problem: text });
  if (!notice) return { note: '', problem: '' };
  if ('added' in notice) return { note: `${escapeMarkdown(notice.added)} is now an admin.`, problem: '' };
  if ('removed' in notice) return { note: `${escapeMarkdown(notice.removed)} is no longer an admin.`, problem: '' };
  if ('refused' in notice) {
    const name = escapeMarkdown(notice.name);
    switch (notice.refused) {
      case 'last-admin':
        return problem(`${name} is the only admin, and the organization always keeps at least one: add another admin first, then remove ${name}. Nothing was changed.`);
      case 'already-admin':
        return problem(`${name} is already an admin. Nothing was changed.`);
      case 'not-an-admin':
        return problem(`${name} is not an admin (any more): the list below is the current one. Nothing was changed.`);
      case 'not-a-member':
        return problem(`Teams says ${name} is a guest here, not a member of the organization, and only members can be admins. Nothing was changed.`);
      case 'too-many':
        return problem('An organization can have at most 100 admins: remove one first. Nothing was changed.');
    }
  }
  if ('emailUnknown' in notice) {
    return problem(`No one with the email ${escapeMarkdown(notice.emailUnknown)} is in this ${where(scope)}, so I added no one. Check the address, or say "admins" in a channel of a team they belong to.`);
  }
  if ('emailInvalid' in notice) return problem('That is not an email address, so I added no one.');
  if ('nobodyChosen' in notice) return problem('Choose a person or type their email, then press Add admin.');
  if ('bothChosen' in notice) return problem('Choose a person or type an email, not both: I added no one.');
  if ('notListed' in notice) return problem(`That person is not in this ${where(scope)} (any more), so I added no one.`);
  return problem('Teams did not give me the list of people here, so I added no one. Please try again in a minute.');
}

/** The members who may be offered: members of the tenant (no guests), not already admins, by name. */
function candidates(org: Organization, members: readonly Member[]): Member[] {
  const admins = new Set(org.admins);
  return members.filter((member) => mayBecomeAdmin(member.role) && !admins.has(member.aadObjectId)).sort((a, b) => a.name.localeCompare(b.name));
}

function peopleNote(input: AdminsViewInput, offered: number, total: number): string {
  if (input.members === undefined) return 'Teams did not give me the list of people here: you can still type an email, or try again in a minute.';
  const notListed = 'Guests and people who are admins already are not listed.';
  if (total > offered) return `Showing ${offered} of the ${total} people of this ${where(input.scope)} who could be admins: type the email of anyone else. ${notListed}`;
  if (input.scope === 'personal') return `In a 1:1 chat Teams lists only you. To choose among your colleagues, say "admins" in a channel of your team or in a group chat with them. ${notListed}`;
  return notListed;
}

/**
 * @example adminsView({ org, viewer: { aadObjectId: org.admins[0] }, members: [], scope: 'channel' }).canChange // true
 */
export function adminsView(input: AdminsViewInput): AdminsView {
  const { org, viewer, scope } = input;
  const members = input.members ?? [];
  const canChange = canManage(org, viewer);
  const contact = escapeMarkdown(org.primaryContact.name);
  const offered = candidates(org, members);
  const shown = offered.slice(0, PEOPLE_SHOWN);
  return {
    organizationName: escapeMarkdown(org.name),
    title: `Admins (${org.admins.length})`,
    message:
      `Admins and the Primary Program Contact (${contact}) can change the profile, mark the renewal done, move the reminders, make a new calendar link and change the admins. ` +
      (canChange ? 'There is always at least one admin.' : 'Only they can change this list: ask one of them.'),
    ...noticeText(input.notice, scope),
    admins: org.admins.map((aadObjectId) => {
      const member = members.find((listed) => listed.aadObjectId === aadObjectId);
      // "You" only in a 1:1 chat: in a chat or channel the card a button returns replaces the message for everyone.
      const detail = [scope === 'personal' && aadObjectId === viewer.aadObjectId ? 'You' : '', aadObjectId === org.primaryContact.aadObjectId ? 'Primary Program Contact' : '', member?.emails[0] ?? ''];
      return {
        name: escapeMarkdown(adminName(org, aadObjectId, members)),
        detail: escapeMarkdown(detail.filter(Boolean).join(' · ')),
        removable: canChange && org.admins.length > 1,
        removeData: { tenantId: org.tenantId, aadObjectId },
      };
    }),
    canChange,
    peopleLabel: `A person of this ${where(scope)}`,
    people: shown.map((member) => ({ title: member.emails[0] ? `${member.name} (${member.emails[0]})` : member.name, value: member.aadObjectId })),
    peopleNote: canChange ? peopleNote(input, shown.length, offered.length) : '',
    emailLabel: `Or their email (they must be in this ${where(scope)})`,
    addVerb: ADMINS_ADD_VERB,
    removeVerb: ADMINS_REMOVE_VERB,
    addData: { tenantId: org.tenantId },
    suggestions: [SUGGESTIONS.setup, SUGGESTIONS.help],
  };
}
