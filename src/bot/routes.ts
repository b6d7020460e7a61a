/**
 * Routing as tables: one handler per intent for messages, one per verb for card actions (shared by
 * Action.Execute and Action.Submit). The compiler checks that every intent and every verb has one.
 * Handlers that need an organization get "not set up yet" here, once, when there is none.
 */
import { renderCard, type CardAttachment } from '../cards/render-card.js';
import { ADMINS_ADD_VERB, ADMINS_REMOVE_VERB } from '../rules/people/admins-view.js';
import { CHECKLIST_REFRESH_VERB, CHECKLIST_TOGGLE_VERB } from '../rules/checklist/checklist.js';
import type { Organization } from '../rules/organization/organization.js';
import { PROFILE_FORM_VERB } from '../rules/setup/profile-form.js';
import { welcomeView } from '../rules/help/welcome.js';
import type { HandlerDependencies } from './dependencies.js';
import { createAdminRoutes } from './handlers/admins.js';
import { createCalendarRoutes } from './handlers/calendar.js';
import { createChecklistRoutes } from './handlers/checklist.js';
import { createRenewalAnswerRoutes } from './handlers/mark-renewed.js';
import { createPersonalReminderHandlers } from './handlers/personal-reminders.js';
import { createQuestionRoutes } from './handlers/questions.js';
import { createReminderChannelHandlers } from './handlers/reminder-channel.js';
import type { ActionRoute, OrganizationActionRoute, OrganizationRoute, Route } from './handlers/route.js';
import { createSetupRoutes } from './handlers/setup-form.js';
import type { Intent } from './intents.js';
import type { Turn } from './turn.js';

export const VERBS = [PROFILE_FORM_VERB, CHECKLIST_TOGGLE_VERB, CHECKLIST_REFRESH_VERB, ADMINS_ADD_VERB, ADMINS_REMOVE_VERB] as const;
export type Verb = (typeof VERBS)[number];

export function isVerb(value: unknown): value is Verb {
  return (VERBS as readonly unknown[]).includes(value);
}

/** The action a card's data asks for: its verb, or the profile form's older `form: 'profile'` marker. */
export function verbOfSubmit(data: Record<string, unknown>): Verb | undefined {
  if (isVerb(data.verb)) return data.verb;
  return data.form === 'profile' ? PROFILE_FORM_VERB : undefined;
}

type MessageRoutes = { [K in Intent['ask']]: Route<K> };

export function createRoutes(deps: HandlerDependencies) {
  const questions = createQuestionRoutes(deps);
  const setup = createSetupRoutes(deps);
  const checklist = createChecklistRoutes(deps);
  const calendar = createCalendarRoutes(deps);
  const reminderChannel = createReminderChannelHandlers(deps);
  const personalReminders = createPersonalReminderHandlers(deps);
  const renewalAnswers = createRenewalAnswerRoutes(deps);
  const admins = createAdminRoutes(deps);

  const notSetUp = (intent?: Intent) => renderCard('welcome', welcomeView({ notUnderstoodText: intent?.ask === 'unknown' ? intent.text : undefined }));
  function needsOrganization<K extends Intent['ask']>(route: OrganizationRoute<K>): Route<K> {
    return async (intent, turn, org) => (org ? route(intent, turn, org) : notSetUp(intent));
  }
  function actionNeedsOrganization(route: OrganizationActionRoute): ActionRoute {
    return async (data, turn, org) => (org ? route(data, turn, org) : notSetUp());
  }

  const messages: MessageRoutes = {
    help: needsOrganization(questions.help),
    unknown: needsOrganization(questions.unknown),
    setup: setup.showForm,
    anniversary: needsOrganization(questions.anniversary),
    requirements: needsOrganization(questions.requirements),
    evidence: needsOrganization(questions.evidence),
    contact: needsOrganization(questions.contact),
    support: questions.support,
    'reminders-here': needsOrganization(reminderChannel.postRemindersHere),
    'mark-renewed': needsOrganization(renewalAnswers.markRenewed),
    'not-renewed': needsOrganization(renewalAnswers.notRenewed),
    'personal-reminders': needsOrganization(personalReminders.switchPersonalReminders),
    checklist: needsOrganization(checklist.show),
    calls: calendar.showCalls,
    'calendar-link': needsOrganization(calendar.calendarLink),
    admins: needsOrganization(admins.show),
  };
  const actions: Record<Verb, ActionRoute> = {
    [PROFILE_FORM_VERB]: setup.saveProfile,
    [CHECKLIST_TOGGLE_VERB]: actionNeedsOrganization(checklist.toggle),
    [CHECKLIST_REFRESH_VERB]: actionNeedsOrganization(checklist.refresh),
    [ADMINS_ADD_VERB]: actionNeedsOrganization(admins.add),
    [ADMINS_REMOVE_VERB]: actionNeedsOrganization(admins.remove),
  };

  return {
    answer(intent: Intent, turn: Turn, org: Organization | undefined): Promise<CardAttachment> {
      // The table is keyed by the intent's own kind, which TypeScript cannot correlate through a lookup.
      return (messages[intent.ask] as Route<Intent['ask']>)(intent as never, turn, org);
    },
    act(verb: Verb, data: Record<string, unknown>, turn: Turn, org: Organization | undefined): Promise<CardAttachment> {
      return actions[verb](data, turn, org);
    },
    reminderChannel,
    rememberContactChat: personalReminders.rememberContactChat,
  };
}
