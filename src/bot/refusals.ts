/**
 * Refusals of what only an organization's admins and its Primary Program Contact may do: each names
 * the action refused and, by name, the contact one can ask (admins are known by id only).
 */
import { escapeMarkdown } from '../rules/common/markdown.js';
import type { Organization } from '../rules/organization/organization.js';
import { AppError, type ErrorCode } from './app-error.js';

const REFUSED: Record<ManagedAction, ErrorCode> = {
  'change-profile': 'profile.forbidden',
  'answer-renewal': 'renewal.mark-forbidden',
  'move-reminders': 'reminders.move-forbidden',
  'rotate-calendar': 'calendar.rotate-forbidden',
};

export type ManagedAction = 'change-profile' | 'answer-renewal' | 'move-reminders' | 'rotate-calendar';

/** @example throw notAllowedTo('answer-renewal', org) // "… Your Primary Program Contact is Megan Bowen (megan@contoso.example)." */
export function notAllowedTo(action: ManagedAction, org: Pick<Organization, 'tenantId' | 'primaryContact'> | undefined): AppError {
  const contact = org?.primaryContact;
  const addendum = contact ? escapeMarkdown(`Your Primary Program Contact is ${contact.name} (${contact.email}).`) : undefined;
  return new AppError(REFUSED[action], { action, tenantId: org?.tenantId }, addendum);
}
