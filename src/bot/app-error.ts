/**
 * Errors a person should hear about, each with a stable code. Handlers throw them; the turn error
 * handler logs the code and answers with the error card.
 */
import type { ErrorView } from '../rules/help/error-view.js';

const MESSAGES = {
  'channel.unsupported': ['Renewal Bot works in Microsoft Teams', 'Talk to me from Microsoft Teams, signed in to your organization: I only answer there, so nothing was read or stored.'],
  'tenant.mismatch': ['I cannot tell which organization this is', 'This message names two different tenants, so I did not read or change anything.'],
  'tenant.missing': ['I cannot tell which organization this is', 'This message carries no tenant id. Talk to me from Microsoft Teams in your organization.'],
  'tenant.not-allowed': ['Renewal Bot is not available for your organization', 'Sorry: this installation of Renewal Bot serves a fixed list of organizations, and yours is not on it. Nothing was read or stored. If you think it should be, ask the team that runs the bot to add your tenant.'],
  'user.unidentified': ['I cannot tell who you are', 'This message carries no Azure AD id for you, so I cannot check whether you may change the profile.'],
  'profile.not-a-member': ['Only members of the organization can set it up', 'Teams says you are a guest here, not a member of this organization. Whoever saves the first profile becomes its admin, so I saved nothing: ask a colleague who is a member of the organization to set it up.'],
  'role.unconfirmed': ['I could not confirm your role in Teams', 'Whoever saves the first profile becomes its admin, so I first ask Teams whether you are a member of the organization or a guest. Teams did not answer, so I saved nothing. Please try again in a minute.'],
  'admins.forbidden': ['Only admins can change the admins', 'The admins can be changed by an admin or by the Primary Program Contact. Nothing was changed: ask one of them.'],
  'profile.forbidden': ['Only admins can change the profile', 'The organization profile can be changed by its admins and by the Primary Program Contact. Ask one of them to make the change.'],
  'renewal.mark-forbidden': ['Only an admin or the Primary Program Contact can answer for the renewal', 'Whether the organization renewed is recorded by its admins and by its Primary Program Contact: ask one of them to press the button, so the reminders follow what really happened.'],
  'reminders.move-forbidden': ['Only an admin or the Primary Program Contact can move the reminders', 'The channel that gets the renewal reminders is chosen by the organization\'s admins and its Primary Program Contact: ask one of them to say "post reminders here" in this channel.'],
  'calendar.rotate-forbidden': ['Only an admin or the Primary Program Contact can replace the calendar link', 'Replacing the link stops the old one for everyone who subscribed, so it is kept for the organization\'s admins and its Primary Program Contact: ask one of them.'],
  'ask.unknown': ['I do not know that button', 'The button asked for something I cannot answer (it may come from an older card), so nothing was read or changed. Type your question, or "help" to see what I answer.'],
  'input.invalid': ['I cannot use that card', 'The card sent something I do not recognize, so nothing was changed. Type "help" for a fresh start.'],
  'storage.unavailable': ['I cannot reach my records right now', 'Nothing was changed. Please try again in a minute.'],
  internal: ['Something went wrong on my side', 'Nothing was changed. Please try again; if it keeps happening, tell the team that runs this bot.'],
} as const;

export type ErrorCode = keyof typeof MESSAGES;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: Record<string, unknown> = {},
    /** One more sentence for the person, after the code's message (who to ask, by name). */
    readonly addendum?: string,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export function errorView(code: ErrorCode, extra?: string): ErrorView {
  const [title, message] = MESSAGES[code];
  return { title, message: extra ? `${message} ${extra}` : message, code };
}
