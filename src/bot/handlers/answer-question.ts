/** Answers a recognized question with its card, computed by the rules from the organization and today. */
import { renderCard, type CardAttachment } from '../../cards/render-card.js';
import { anniversaryView } from '../../rules/anniversary-view.js';
import { contactView } from '../../rules/contact.js';
import { currentAnniversary } from '../../rules/cycle.js';
import { calendarDateIn } from '../../rules/plain-date.js';
import { requirementsView } from '../../rules/requirements.js';
import { supportView } from '../../rules/support.js';
import { welcomeView } from '../../rules/welcome.js';
import type { BotDependencies } from '../dependencies.js';
import type { Intent } from '../intents.js';
import type { TurnIdentity } from '../turn-identity.js';
import { showSetupForm } from './setup-form.js';

/** The intents answered with information; actions (setup submits, reminders, renewals) go elsewhere. */
export type QuestionIntent = Exclude<Intent, { kind: 'reminders-here' | 'mark-renewed' | 'checklist' | 'calls' | 'calendar-link' }>;

export function createQuestionHandler(deps: BotDependencies) {
  const { storage, catalog, now } = deps;
  return async function answerQuestion(intent: QuestionIntent, identity: TurnIdentity): Promise<CardAttachment> {
    if (intent.kind === 'support') return renderCard('support', supportView(catalog.data));
    const org = await storage.getOrganization(identity.tenantId);
    if (intent.kind === 'setup') return showSetupForm(org, identity, catalog);
    if (!org) {
      return renderCard('welcome', welcomeView({ notUnderstoodText: intent.kind === 'unknown' ? intent.text : undefined }));
    }
    const today = calendarDateIn(now(), org.timeZone);
    switch (intent.kind) {
      case 'anniversary':
        return renderCard('anniversary', anniversaryView(org, today));
      case 'requirements':
        return renderCard(
          'requirements',
          requirementsView(org, currentAnniversary(org), today, catalog, { competencyId: intent.competencyId, level: intent.level }),
        );
      case 'contact':
        return renderCard('contact', contactView(org, { aadObjectId: identity.user.aadObjectId, askedAboutSelf: intent.aboutAsker }, catalog.data));
      case 'help':
        return renderCard('welcome', welcomeView({ organizationName: org.name }));
      case 'unknown':
        return renderCard('welcome', welcomeView({ organizationName: org.name, notUnderstoodText: intent.text }));
    }
  };
}
