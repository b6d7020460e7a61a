/**
 * Cards that answer a question, kept for the next person who asks the same: a card is a pure function
 * of the organization, its today and the question (rules take today as a parameter), so it is reused
 * while all three are the same and rendered anew as soon as one changes.
 *
 * - The organization is compared by identity: storage hands out deep-frozen organizations, one object
 *   per stored profile text, so a changed profile is another object (and an organization that is not
 *   frozen is never cached).
 * - Today is in the key: the next day (in the organization's zone) is another key.
 * - The tenant is in the key, and the kept organization must be the asking one: no tenant is ever
 *   given a card rendered for another.
 * - Bounded: the least recently used card goes first.
 */
import { LRUCache } from 'lru-cache';
import type { CardAttachment } from '../cards/render-card.js';
import { deepFreeze } from '../deep-freeze.js';
import type { Organization } from '../rules/organization/organization.js';
import type { PlainDate } from '../rules/common/plain-date.js';

/** Cards kept: the largest (all requirements) is about 28 KB of JSON; a few MB at most. */
const ANSWER_CARDS_KEPT = 256;

type AnswerCards = (org: Organization, today: PlainDate, question: readonly (string | number | undefined)[], render: () => CardAttachment) => CardAttachment;

export function answerCards(limit = ANSWER_CARDS_KEPT): AnswerCards {
  // The organization is held weakly: a kept card must not keep a parsed profile alive (profiles too large
  // for storage's cache are parsed anew per turn, and 256 strong copies could hold hundreds of MB).
  const kept = new LRUCache<string, { org: WeakRef<Organization>; card: CardAttachment }>({ max: limit });
  return (org, today, question, render) => {
    if (!Object.isFrozen(org)) return render();
    const key = JSON.stringify([org.tenantId, today, ...question.map((part) => part ?? null)]);
    const known = kept.get(key);
    if (known?.org.deref() === org) return known.card;
    // Shared by every later answer, so nobody downstream may change it.
    const card = deepFreeze(render());
    kept.set(key, { org: new WeakRef(org), card });
    return card;
  };
}
