/** Answers to questions, each a card the rules compute from the organization and today. */
import { fitsOneMessage, renderLargestFitting } from '../../cards/fit-card.js';
import { renderCard, type CardAttachment } from '../../cards/render-card.js';
import { anniversaryView } from '../../rules/cycle/anniversary-view.js';
import { contactView } from '../../rules/people/contact.js';
import { currentAnniversary, cycleOn } from '../../rules/cycle/cycle.js';
import { evidenceItems, evidenceListView } from '../../rules/requirements/evidence-lists.js';
import { anchorOf, itemsAvailable } from '../../rules/common/paging.js';
import { requirementsAsList, requirementsView, requirementsWithDetailsOnRequest, type RequirementsView } from '../../rules/requirements/requirements.js';
import { supportView } from '../../rules/help/support.js';
import { welcomeView } from '../../rules/help/welcome.js';
import { answerCards } from '../answer-cards.js';
import type { HandlerDependencies } from '../dependencies.js';
import type { OrganizationRoute, Route } from './route.js';

export function createQuestionRoutes(deps: HandlerDependencies) {
  const { catalog, today } = deps;
  // The two most asked questions, and the two costliest cards: kept per organization, day and question.
  const kept = answerCards();
  return {
    support: (async () => renderCard('support', supportView(catalog.data))) satisfies Route<'support'>,
    help: (async (_intent, _turn, org) => renderCard('welcome', welcomeView({ organizationName: org.name }))) satisfies OrganizationRoute<'help'>,
    unknown: (async (intent, _turn, org) => renderCard('welcome', welcomeView({ organizationName: org.name, notUnderstoodText: intent.text }))) satisfies OrganizationRoute<'unknown'>,
    anniversary: (async (_intent, _turn, org) => {
      const day = today(org);
      return kept(org, day, ['anniversary'], () => renderCard('anniversary', anniversaryView(org, day)));
    }) satisfies OrganizationRoute<'anniversary'>,
    requirements: (async (intent, _turn, org) => {
      const day = today(org);
      const only = { competencyId: intent.competencyId, level: intent.level };
      return kept(org, day, ['requirements', only.competencyId, only.level], () => fittingRequirementsCard(requirementsView(org, currentAnniversary(org, day), day, catalog, only)));
    }) satisfies OrganizationRoute<'requirements'>,
    evidence: (async (intent, _turn, org) => {
      const day = today(org);
      const anniversary = currentAnniversary(org, day);
      const evidence = evidenceItems(org, intent.competencyId, intent.list, anniversary, day, catalog);
      const anchor = anchorOf(intent);
      // As many as fit in one message: a page of 200-character names holds fewer than one of short ones.
      return renderLargestFitting('evidence-list', 1, itemsAvailable(anchor, evidence.items.length), (count) =>
        evidenceListView({ organizationName: org.name, competencyId: intent.competencyId, list: intent.list, evidence, anniversary, page: { anchor, count } }),
      );
    }) satisfies OrganizationRoute<'evidence'>,
    contact: (async (intent, turn, org) =>
      renderCard('contact', contactView(org, { aadObjectId: turn.user.aadObjectId, askedAboutSelf: intent.aboutAsker }, catalog.data, cycleOn(org, today(org))))) satisfies OrganizationRoute<'contact'>,
  };
}

/**
 * The requirements card as it fits in one Teams message: with every competency's details when they fit,
 * else each competency's details one button away, else (dozens of competencies) a list and a chooser.
 */
function fittingRequirementsCard(view: RequirementsView): CardAttachment {
  for (const fitted of [view, requirementsWithDetailsOnRequest(view)]) {
    const card = renderCard('requirements', fitted);
    if (fitsOneMessage(card)) return card;
  }
  return renderCard('requirements', requirementsAsList(view));
}
