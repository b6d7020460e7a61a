/**
 * The answers to "did you renew?": "We renewed" / "mark renewal done" moves the organization, and its
 * reminders, to the next anniversary; "We did not renew" stops the cycle's reminders until a new
 * anniversary is set. Only an admin or the Primary Program Contact may answer.
 */
import { renderCard } from '../../cards/render-card.js';
import { anniversaryView } from '../../rules/cycle/anniversary-view.js';
import { canManage } from '../../rules/people/permissions.js';
import type { PlainDate } from '../../rules/common/plain-date.js';
import { decideRenewalAnswer, type RenewalOutcome } from '../../rules/cycle/renewal-answer.js';
import { nothingToMarkYetView, notOurCycleView } from '../../rules/cycle/renewal-notices.js';
import { notAllowedTo } from '../refusals.js';
import type { HandlerDependencies } from '../dependencies.js';
import type { OrganizationRoute } from './route.js';

export function createRenewalAnswerRoutes(deps: HandlerDependencies) {
  const { storage, today: todayOf, now, log } = deps;
  const answer = <K extends 'mark-renewed' | 'not-renewed'>(outcome: RenewalOutcome): OrganizationRoute<K> =>
    async function answerRenewal(intent, turn, org) {
      if (!canManage(org, turn.user)) throw notAllowedTo('answer-renewal', org);
      const today = todayOf(org);
      const { cycle } = intent as { cycle?: PlainDate };
      const decision = decideRenewalAnswer(org, today, outcome, cycle);
      if ('tooEarly' in decision) return renderCard('notice', nothingToMarkYetView(decision.tooEarly, outcome));
      if ('notOurs' in decision) return renderCard('notice', notOurCycleView(decision.notOurs));
      // Answered already (a second click, or the other replica's): the card shows where things stand.
      if ('unchanged' in decision) return renderCard('anniversary', anniversaryView(org, today));
      const answered = { ...org, ...decision.record };
      // Saved with the "recorded" updates of the cycle's reminders still showing in the channel.
      await storage.recordRenewal(answered, { cycle: decision.cycle, byName: turn.user.name ?? 'someone', at: now(), outcome });
      log.info({ tenantId: org.tenantId, cycle: decision.cycle, outcome }, 'renewal answer recorded');
      deps.messagesChanged?.();
      return renderCard('anniversary', anniversaryView(answered, today));
    };
  return { markRenewed: answer<'mark-renewed'>('renewed'), notRenewed: answer<'not-renewed'>('not-renewed') };
}
